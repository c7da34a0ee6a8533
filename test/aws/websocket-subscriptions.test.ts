import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APPROVAL_REQUESTED, APPROVE, CALL_TOOL, TOOL_CALL_UPDATED } from "../graphql/tool-call-fields.js";
import { CREATE } from "../graphql/server-fields.js";
import { startSocketDeployment, type SocketDeployment } from "../support/aws/socket-deployment.js";
import { shiftedClock } from "../support/clock.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, mallory } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";

let aws: SocketDeployment;
let upstream: SdkServer;
const clients: Client[] = [];
// The token-expiry tests move it ahead of the tokens' real exp, and back.
const clock = shiftedClock();

beforeAll(async () => {
  upstream = await startSdkServer();
  aws = await startSocketDeployment({ clock });
  const created = await aws.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
  expect(created.errors).toBeUndefined();
}, 60_000);
afterEach(async () => {
  clock.reset();
  await Promise.all(clients.splice(0).map(async (client) => client.dispose()));
  // Each test starts with no connection and no subscription left ($disconnect runs after the client has gone).
  await until(async () => aws.gateway.sockets.size === 0 && (await subscriptionItems()) === 0);
  expect(aws.gateway.failures).toEqual([]);
});
afterAll(async () => {
  await aws.close();
  await upstream.close();
});

/** The same graphql-ws client a browser uses, pointed at the API Gateway stand-in. */
function connect(connectionParams: Record<string, unknown>, on: Parameters<typeof createClient>[0]["on"] = {}) {
  const client = createClient({ url: aws.gateway.url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true, on });
  clients.push(client);
  return client;
}

const asUser = async (claims: TokenClaims, on?: Parameters<typeof createClient>[0]["on"]) =>
  connect({ Authorization: `Bearer ${await aws.tokenFor(claims)}` }, on);

/** Subscribes and resolves once API Gateway's side has stored the subscription. */
async function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const errors: any[] = [];
  const before = await subscriptionItems();
  client.subscribe(
    { query, variables },
    { next: (value) => events.push(value), error: (error) => errors.push(error), complete: () => undefined },
  );
  await until(async () => errors.length > 0 || (await subscriptionItems()) > before);
  return { events, errors };
}

async function until(condition: () => boolean | Promise<boolean>, tries = 250) {
  for (let i = 0; i < tries && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

const subscriptionItems = async () =>
  (await aws.table.rawItems()).filter((item) => /#TOPIC#/.test(String((item.pk as { S: string }).S))).length;

const ask = async (caller: TokenClaims, text: string) => {
  const result = await aws.gql(caller, CALL_TOOL, { input: { qualifiedName: "mcp__notes__write_note", arguments: { text } } });
  expect(result.errors).toBeUndefined();
  return result.data!.callTool as { id: string; status: string };
};

describe("GraphQL subscriptions over API Gateway WebSocket (graphql-transport-ws)", () => {
  it("delivers an approval prompt from callTool to its user, and only to them", async () => {
    const carols = await subscribe(await asUser(carol), APPROVAL_REQUESTED);
    const bobs = await subscribe(await asUser(bob), APPROVAL_REQUESTED);
    const mallorys = await subscribe(await asUser({ ...mallory, sub: "carol" }), APPROVAL_REQUESTED);
    const pending = await ask(carol, "over api gateway");
    await until(() => carols.events.length > 0);
    expect(carols.events[0].data.approvalRequested).toMatchObject({
      id: pending.id,
      status: "PENDING_APPROVAL",
      arguments: { text: "over api gateway" },
    });
    expect(bobs.events).toEqual([]);
    // Another tenant's "carol" is someone else.
    expect(mallorys.events).toEqual([]);
  });

  it("follows a call to its end: approval from GraphQL, events executed per subscription document", async () => {
    const pending = await ask(carol, "follow me");
    const updates = await subscribe(await asUser(carol), `subscription($id: ID!) { toolCallUpdated(id: $id) { status } }`, {
      id: pending.id,
    });
    expect((await aws.gql(carol, APPROVE, { id: pending.id })).errors).toBeUndefined();
    await until(() => updates.events.length >= 2);
    expect(updates.events).toEqual([
      { data: { toolCallUpdated: { status: "RUNNING" } } },
      { data: { toolCallUpdated: { status: "SUCCEEDED" } } },
    ]);
  });

  it("reaches the user from the MCP endpoint, a function without GraphQL, through the delivering function", async () => {
    const carols = await subscribe(await asUser(carol), APPROVAL_REQUESTED);
    const invokedBefore = aws.lambda.invocations.length;
    const agent = { ...carol, agent: "support-bot" };
    const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
    const body = {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "mcp__notes__write_note", arguments: { text: "from an agent" }, _meta: meta },
    };
    const response = await aws.mcp(
      new Request("https://control-plane.test/mcp", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          authorization: `Bearer ${await aws.tokenFor(agent)}`,
          "mcp-protocol-version": "2026-07-28",
          "mcp-method": "tools/call",
          "mcp-name": "mcp__notes__write_note",
        },
        body: JSON.stringify(body),
      }),
    );
    expect(response?.status).toBe(200);
    await aws.lambda.settled();
    await until(() => carols.events.length > 0);
    expect(carols.events[0].data.approvalRequested).toMatchObject({
      status: "PENDING_APPROVAL",
      agentId: "support-bot",
      arguments: { text: "from an agent" },
    });
    // The prompt went to Deliver; the call's own event, which nobody watches, invoked nothing.
    expect(aws.lambda.invocations.slice(invokedBefore).map(({ name, type, event }) => [name, type, event.topic])).toEqual([
      ["Deliver", "Event", "approvals/acme/carol"],
    ]);
  });

  it("answers ping with pong", async () => {
    let pongs = 0;
    const client = await asUser(carol, { pong: () => void pongs++ });
    await subscribe(client, APPROVAL_REQUESTED);
    const socket = [...aws.gateway.sockets.values()].at(-1)!;
    socket.send(JSON.stringify({ type: "ping" }));
    await until(() => pongs > 0);
    expect(pongs).toBe(1);
  });
});

describe("what the socket refuses, with nothing stored", () => {
  it("closes a connection whose token does not verify, before any subscription", async () => {
    const before = await subscriptionItems();
    const client = connect({ Authorization: "Bearer not-a-token" });
    const { errors } = await subscribe(client, APPROVAL_REQUESTED);
    expect(errors).toHaveLength(1);
    expect(await subscriptionItems()).toBe(before);
    expect(aws.logs.some((line) => line.includes("not-a-token"))).toBe(false);
  });

  it("answers an invalid document, a query, too many aliases and someone else's call with errors, storing nothing", async () => {
    const client = await asUser(carol);
    const before = await subscriptionItems();
    const invalid = await subscribe(client, `subscription { approvalRequested { nope } }`);
    expect(invalid.errors[0][0].message).toMatch(/Cannot query field "nope"/);
    const query = await subscribe(client, `{ mcpServers { id } }`);
    expect(query.errors[0][0].message).toMatch(/queries and mutations go to the GraphQL URL/);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(" ");
    const wide = await subscribe(client, `subscription { approvalRequested { ${aliases} } }`);
    expect(wide.errors[0][0].message).toMatch(/aliases/i);
    const nosy = await subscribe(await asUser(bob), TOOL_CALL_UPDATED, { id: (await ask(carol, "private")).id });
    expect(nosy.errors[0][0].extensions.code).toBe("NOT_FOUND");
    expect(await subscriptionItems()).toBe(before);
  });
});

/** A raw WebSocket speaking the subprotocol, for what no well-behaved client sends. */
async function rawSocket(protocol = "graphql-transport-ws") {
  const socket = new WebSocket(aws.gateway.url, protocol);
  const received: any[] = [];
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("message", (data) => received.push(JSON.parse((data as Buffer).toString("utf8"))));
  await new Promise<void>((resolve, reject) => socket.on("open", () => resolve()).on("error", reject));
  return { socket, received, closed };
}

describe("protocol violations close the connection", () => {
  it("refuses a client that does not speak graphql-transport-ws at $connect", async () => {
    await expect(rawSocket("graphql-ws")).rejects.toThrow(/400/);
  });

  it("closes on a subscribe before connection_init, a second init, a duplicate id and a malformed frame", async () => {
    const early = await rawSocket();
    early.socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: APPROVAL_REQUESTED } }));
    await early.closed;

    const token = await aws.tokenFor(carol);
    const twice = await rawSocket();
    twice.socket.send(JSON.stringify({ type: "connection_init", payload: { token } }));
    twice.socket.send(JSON.stringify({ type: "connection_init", payload: { token } }));
    await twice.closed;
    expect(twice.received).toEqual([{ type: "connection_ack" }]);

    const duplicate = await rawSocket();
    duplicate.socket.send(JSON.stringify({ type: "connection_init", payload: { token } }));
    for (const _ of [1, 2])
      duplicate.socket.send(JSON.stringify({ id: "same", type: "subscribe", payload: { query: APPROVAL_REQUESTED } }));
    await duplicate.closed;

    const garbled = await rawSocket();
    garbled.socket.send("{not json");
    await garbled.closed;
    expect(aws.logs.filter((line) => line.includes("websocket closed by protocol")).map((line) => JSON.parse(line).code)).toEqual(
      expect.arrayContaining([4401, 4429, 4409, 4400]),
    );
  });
});

describe("cleanup", () => {
  it("forgets a completed subscription and a disconnected connection, and keys them by tenant with a TTL", async () => {
    const before = await subscriptionItems();
    const client = await asUser(carol);
    const events: unknown[] = [];
    const stop = client.subscribe(
      { query: APPROVAL_REQUESTED },
      { next: (value) => events.push(value), error: () => undefined, complete: () => undefined },
    );
    await until(async () => (await subscriptionItems()) > before);
    const stored = (await aws.table.rawItems()).filter((item) => /#TOPIC#/.test(String((item.pk as { S: string }).S)));
    expect(stored.every((item) => String((item.pk as { S: string }).S).includes("acme") && "expiresAt" in item)).toBe(true);
    stop();
    await until(async () => (await subscriptionItems()) === before);
    expect(await subscriptionItems()).toBe(before);

    await subscribe(client, APPROVAL_REQUESTED);
    await client.dispose();
    await until(async () => (await subscriptionItems()) === before);
    expect(await subscriptionItems()).toBe(before);
  });

  it("removes the subscriptions of a connection API Gateway no longer holds (410) on the next event", async () => {
    const before = await subscriptionItems();
    await subscribe(await asUser(carol), APPROVAL_REQUESTED);
    const [connectionId] = [...aws.gateway.sockets.keys()].slice(-1);
    aws.gateway.dropSilently(connectionId!);
    expect(await subscriptionItems()).toBe(before + 1);
    await ask(carol, "to nobody");
    await until(async () => (await subscriptionItems()) === before);
    expect(await subscriptionItems()).toBe(before);
  });
});

describe("a token's expiry ends its subscriptions", () => {
  const closedByProtocol = () =>
    aws.logs
      .filter((line) => line.includes("websocket closed by protocol"))
      .map((line) => JSON.parse(line) as { code: number; reason: string });

  it("sends no event past exp: the deliverer closes the connection through the management API and forgets its subscriptions", async () => {
    const before = await subscriptionItems();
    const client = connect({ token: await aws.tokenFor(carol, 60) });
    const carols = await subscribe(client, APPROVAL_REQUESTED);
    const closes = closedByProtocol().length;
    clock.advance(61_000);
    await ask(carol, "after exp");
    await until(async () => aws.gateway.sockets.size === 0 && (await subscriptionItems()) === before);
    expect(carols.events).toEqual([]);
    expect(aws.gateway.sockets.size).toBe(0);
    expect(await subscriptionItems()).toBe(before);
    expect(closedByProtocol().slice(closes)).toEqual([expect.objectContaining({ code: 4401, reason: "The token has expired" })]);
  });

  it("closes a connection whose token has expired at its next message, storing nothing", async () => {
    const raw = await rawSocket();
    raw.socket.send(JSON.stringify({ type: "connection_init", payload: { token: await aws.tokenFor(carol, 60) } }));
    await until(() => raw.received.length > 0);
    const before = await subscriptionItems();
    clock.advance(61_000);
    raw.socket.send(JSON.stringify({ id: "late", type: "subscribe", payload: { query: APPROVAL_REQUESTED } }));
    await raw.closed;
    expect(raw.received).toEqual([{ type: "connection_ack" }]);
    expect(await subscriptionItems()).toBe(before);
  });

  it("refuses a stored subscription whose caller names no expiry (stored before expiry was recorded): fail closed", async () => {
    const raw = await rawSocket();
    raw.socket.send(JSON.stringify({ type: "connection_init", payload: { token: await aws.tokenFor(carol) } }));
    await until(() => raw.received.length > 0);
    const [connectionId] = [...aws.gateway.sockets.keys()].slice(-1);
    const { tokenExpiresAt: _none, ...noExpiry } = (await aws.store.connection(connectionId!))!.caller!;
    const topic = `approvals/${carol.tenant}/${carol.sub}`;
    await aws.store.add({
      connectionId: connectionId!,
      id: "old",
      topic,
      caller: noExpiry,
      query: APPROVAL_REQUESTED,
      variables: null,
      operationName: null,
    });
    await ask(carol, "to an old subscription");
    await raw.closed;
    expect(raw.received).toEqual([{ type: "connection_ack" }]);
  });
});
