import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoSubscriptionStore } from "../../adapters/dynamo/subscription-store.js";
import { connectHandler } from "../../functions/ws/connect.js";
import { disconnectHandler } from "../../functions/ws/disconnect.js";
import type { SocketEvent } from "../../functions/ws/socket-event.js";
import { dynamoDbLocalTable, hasDynamoDbLocal, type TestTable } from "../support/dynamo.js";

/** A `$connect` event as API Gateway delivers it (REST-style headers and multiValueHeaders). */
const connectEvent = (): SocketEvent =>
  JSON.parse(readFileSync(new URL("../functions/fixtures/websocket-connect.json", import.meta.url), "utf8"));

let table: TestTable;
let store: DynamoSubscriptionStore;

// On DynamoDB Local, which needs Java: skipped where Java is missing (the global setup says so).
describe.skipIf(!hasDynamoDbLocal)("$connect and $disconnect with API Gateway's event shapes", () => {
  beforeAll(async () => {
    table = await dynamoDbLocalTable();
    store = new DynamoSubscriptionStore(documentClient(table.dynamo), table.tableName);
  });
  afterAll(() => table.close());

  it("accepts graphql-transport-ws, names it in the answer, and records an unauthenticated connection", async () => {
    const result = await connectHandler(async () => store)(connectEvent());
    expect(result).toEqual({ statusCode: 200, headers: { "Sec-WebSocket-Protocol": "graphql-transport-ws" } });
    expect(await store.connection("QxJ8eeXXDoECJvg=")).toEqual({
      connectionId: "QxJ8eeXXDoECJvg=",
      caller: null,
      connectedAt: new Date(1795268700000).toISOString(),
    });
  });

  it.each([["graphql-ws"], [""], ["mqtt"]])("refuses the subprotocol %j with 400, storing nothing", async (protocol) => {
    const event = connectEvent();
    event.requestContext.connectionId = `refused-${protocol}`;
    event.headers = { ...event.headers, "Sec-WebSocket-Protocol": protocol };
    const result = await connectHandler(async () => store)(event);
    expect(result.statusCode).toBe(400);
    expect(await store.connection(`refused-${protocol}`)).toBeUndefined();
  });

  it("forgets the connection at $disconnect", async () => {
    const event = {
      ...connectEvent(),
      requestContext: { ...connectEvent().requestContext, routeKey: "$disconnect", eventType: "DISCONNECT" as const },
    };
    expect(await disconnectHandler(async () => store)(event)).toEqual({ statusCode: 200 });
    expect(await store.connection("QxJ8eeXXDoECJvg=")).toBeUndefined();
    expect(await table.rawItems()).toEqual([]);
  });
});
