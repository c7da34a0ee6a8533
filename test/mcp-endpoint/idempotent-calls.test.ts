import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE } from "../graphql/server-fields.js";
import { startServedApi } from "../support/http-api.js";
import { connectClient, ERAS, type TestClient } from "../support/mcp/clients.js";
import { heldTool } from "../support/mcp/held-tool.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, type TestApi } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let closeApi: () => Promise<void>;
/** The upstream's answers to `hang` calls, held until a test lets one go. */
const held: Array<() => void> = [];
const calls = (tool: string) => upstream.state.calls[tool] ?? 0;
/** Writes of idempotency keys' claims so far: a retry's shows it reached the endpoint. */
let claimWrites = 0;
const until = async (done: () => boolean) => {
  for (let tries = 0; !done() && tries < 500; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
};

beforeAll(async () => {
  upstream = await startSdkServer({ extraTools: heldTool(held) });
  ({ api, origin, close: closeApi } = await startServedApi({ mcp: { approvalWaitMs: 5_000, streams: false } }));
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
  api.table.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const { Item } = args.input as { Item?: object };
      if (context.commandName === "PutItemCommand" && JSON.stringify(Item ?? {}).includes("#IDEMPOTENCY#")) claimWrites += 1;
      return next(args);
    },
    { step: "initialize", name: "countClaims" },
  );
}, 60_000);
afterAll(async () => {
  for (const answer of held.splice(0)) answer();
  await closeApi();
  await upstream.close();
});

/** One JSON-RPC POST to /mcp as a 2025-era client sends it; the message answering `body.id`, and the response's session id. */
async function post(caller: TokenClaims, body: Record<string, unknown>, sessionId?: string) {
  const response = await fetch(`${origin}/mcp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      authorization: `Bearer ${await api.tokenFor(caller)}`,
      "mcp-protocol-version": "2025-11-25",
      ...(sessionId ? { "mcp-session-id": sessionId } : {}),
    },
    body: JSON.stringify({ jsonrpc: "2.0", ...body }),
  });
  const text = await response.text();
  const messages = text.trimStart().startsWith("{")
    ? [JSON.parse(text)]
    : text.split("\n").flatMap((line) => (line.startsWith("data:") && line.length > 5 ? [JSON.parse(line.slice(5))] : []));
  return { message: messages.find((each) => each.id === body.id), sessionId: response.headers.get("mcp-session-id") };
}

const initialize = async (caller: TokenClaims) =>
  (
    await post(caller, {
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    })
  ).sessionId!;
const echoRequest = (id: number, message: string) => ({
  id,
  method: "tools/call",
  params: { name: "mcp__notes__echo", arguments: { message } },
});

describe("a 2025-era request resent in its session (a proxy or HTTP client retrying the same POST)", () => {
  it("returns its first call: the tool runs once", async () => {
    const session = await initialize(carol);
    const before = calls("echo");
    const first = await post(carol, echoRequest(7, "resent"), session);
    const resent = await post(carol, echoRequest(7, "resent"), session);
    expect(first.message.result).toMatchObject({ content: [{ text: "resent" }] });
    expect(resent.message.result).toEqual(first.message.result);
    expect(calls("echo")).toBe(before + 1);
  });

  it("runs a new request of the session (a new id), and another session's request with the same id, anew", async () => {
    const session = await initialize(carol);
    const other = await initialize(carol);
    const before = calls("echo");
    await post(carol, echoRequest(7, "again"), session);
    await post(carol, echoRequest(8, "again"), session);
    await post(carol, echoRequest(7, "again"), other);
    expect(calls("echo")).toBe(before + 3);
  });
});

describe.each(ERAS)("a call named by its client in _meta.idempotencyKey (%s)", (era) => {
  const clients: TestClient[] = [];
  const connect = async (caller: TokenClaims = carol) => {
    const client = await connectClient(era, `${origin}/mcp`, await api.tokenFor(caller));
    clients.push(client);
    return client;
  };
  const callKeyed = (client: TestClient, name: string, args: Record<string, unknown>, idempotencyKey: string) =>
    (client.raw.callTool as (params: object, schema?: unknown, options?: object) => Promise<any>)(
      { name, arguments: args, _meta: { idempotencyKey } },
      undefined,
      { timeout: 60_000 },
    );
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it("runs once, retried from another connection", async () => {
    const before = calls("echo");
    const first = await callKeyed(await connect(), "mcp__notes__echo", { message: "keyed" }, `${era}-retry`);
    const retried = await callKeyed(await connect(), "mcp__notes__echo", { message: "keyed" }, `${era}-retry`);
    expect(retried.content).toEqual(first.content);
    expect(calls("echo")).toBe(before + 1);
  });

  it("waits for the outcome of a first call still running instead of running it again", async () => {
    const before = calls("hang");
    const first = callKeyed(await connect(), "mcp__notes__hang", { label: "slow" }, `${era}-running`);
    await until(() => calls("hang") > before);
    const claimed = claimWrites;
    const retried = callKeyed(await connect(), "mcp__notes__hang", { label: "slow" }, `${era}-running`);
    await until(() => claimWrites > claimed);
    held.shift()!();
    expect(await first).toMatchObject({ content: [{ text: "slow" }] });
    expect(await retried).toMatchObject({ content: [{ text: "slow" }] });
    expect(calls("hang")).toBe(before + 1);
  });

  it("refuses the same key with other arguments as a tool error, and shares no key with another user", async () => {
    const client = await connect();
    await callKeyed(client, "mcp__notes__echo", { message: "first" }, `${era}-reused`);
    const before = calls("echo");
    const refused = await callKeyed(client, "mcp__notes__echo", { message: "second" }, `${era}-reused`);
    expect(refused).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/idempotency key was used for another/) }] });
    expect(calls("echo")).toBe(before);
    const bobs = await callKeyed(await connect(bob), "mcp__notes__echo", { message: "first" }, `${era}-reused`);
    expect(bobs).toMatchObject({ content: [{ text: "first" }] });
    expect(calls("echo")).toBe(before + 1);
  });
});
