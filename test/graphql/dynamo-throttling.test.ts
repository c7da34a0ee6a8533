import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDynamoClient, DYNAMO_MAX_ATTEMPTS } from "../../adapters/dynamo/client.js";
import { ensureTable } from "../../adapters/dynamo/table.js";
import { startEmbeddedDynamo } from "../../functions/local/embedded-dynamo.js";
import { startThrottlingProxy } from "../support/aws/throttling-proxy.js";
import type { TestTable } from "../support/dynamo.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { testIssuer } from "../support/tokens.js";
import { CREATE, LIST } from "./server-fields.js";

/** The API on the production DynamoDB client (createDynamoClient), through a proxy that throttles on demand. */
describe("DynamoDB throttling", () => {
  let embedded: Awaited<ReturnType<typeof startEmbeddedDynamo>>;
  let proxy: Awaited<ReturnType<typeof startThrottlingProxy>>;
  let table: TestTable;
  let api: TestApi;
  beforeAll(async () => {
    embedded = await startEmbeddedDynamo();
    proxy = await startThrottlingProxy(embedded.endpoint);
    const direct = createDynamoClient({ endpoint: embedded.endpoint });
    const tableName = `test-${randomUUID()}`;
    await ensureTable(direct, tableName);
    table = {
      dynamo: createDynamoClient({ endpoint: proxy.url }),
      tableName,
      rawItems: async () => (await direct.send(new ScanCommand({ TableName: tableName }))).Items ?? [],
      close: async () => direct.destroy(),
    };
    api = await startTestApi({ sharing: { table, issuer: await testIssuer() } });
  });
  afterAll(async () => {
    await api.close();
    table.dynamo.destroy();
    await table.close();
    await proxy.close();
    await embedded.close();
  });
  beforeEach(() => {
    proxy.throttle(0);
    proxy.seen.throttled = 0;
  });

  it("is ridden out by the configured retries: a burst of four throttled requests still saves the server once", async () => {
    // The SDK's default (3 attempts) gives up after two throttles; the client is configured for bursts.
    proxy.throttle(4);
    const created = await api.gql(alice, CREATE, { input: { name: "Through A Burst", url: "https://e.com/mcp" } });
    expect(created.body.errors).toBeUndefined();
    expect(proxy.seen.throttled).toBe(4);
    const listed = await api.gql(alice, LIST);
    expect(listed.body.data!.mcpServers.map((server: { name: string }) => server.name)).toEqual(["Through A Burst"]);
  });

  it("answers sustained throttling with a clear UPSTREAM_ERROR once the retries are spent, and stores nothing", async () => {
    const before = await table.rawItems();
    proxy.throttle(1_000);
    const refused = await api.gql(alice, CREATE, { input: { name: "Never Stored", url: "https://e.com/mcp" } });
    expect(proxy.seen.throttled).toBe(DYNAMO_MAX_ATTEMPTS);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: "The database is busy (throttled); try again shortly.",
      extensions: { code: "UPSTREAM_ERROR" },
    });
    proxy.throttle(0);
    expect(await table.rawItems()).toEqual(before);
    // Nothing half-done blocks the retry the message asks for.
    const again = await api.gql(alice, CREATE, { input: { name: "Never Stored", url: "https://e.com/mcp" } });
    expect(again.body.errors).toBeUndefined();
  });
});
