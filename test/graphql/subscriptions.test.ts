import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { shiftedClock } from "../support/clock.js";
import { serveOverHttp } from "../support/http-api.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { APPROVAL_REQUESTED, APPROVE, CALL_TOOL, TOOL_CALL_UPDATED } from "./tool-call-fields.js";

let api: TestApi;
let http: Awaited<ReturnType<typeof serveOverHttp>>;
let upstream: SdkServer;
// The token-expiry tests move it ahead of the tokens' real exp, and back.
const clock = shiftedClock();

beforeAll(async () => {
  api = await startTestApi({ clock });
  http = await serveOverHttp(api);
  upstream = await startSdkServer();
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
});
afterAll(async () => {
  await http.close();
  await api.close();
  await upstream.close();
});

const ask = async (caller = carol, text = "hello") => {
  const result = await api.gql(caller, CALL_TOOL, { input: { qualifiedName: "mcp__notes__write_note", arguments: { text } } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.callTool;
};

/** Collects events of a graphql-ws subscription until `count` arrived. */
function subscribeWs(client: ReturnType<typeof http.wsClient>, query: string, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const errors: unknown[] = [];
  let ready!: () => void;
  const done = client.subscribe(
    { query, variables },
    { next: (value) => events.push(value), error: (error) => errors.push(error), complete: () => undefined },
  );
  const until = async (count: number) => {
    for (let i = 0; i < 200 && events.length < count && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return { events, errors };
  };
  return { events, errors, until, stop: done, ready: new Promise<void>((resolve) => (ready = resolve)).then(() => ready) };
}

/** Reads a GraphQL-over-SSE response until `count` events arrived, then hangs up. */
async function subscribeSse(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  count: number,
  whenOpen: (events: readonly any[]) => Promise<unknown>,
) {
  const response = await fetch(http.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: any[] = [];
  let buffer = "";
  const opened = whenOpen(events);
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (const block of buffer.split("\n\n").slice(0, -1)) {
      const data = block.split("\n").find((line) => line.startsWith("data:"));
      if (data && data.length > 5) events.push(JSON.parse(data.slice(5)));
    }
    buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
  }
  await reader.cancel();
  await opened;
  return events;
}

describe("over WebSocket (graphql-ws, token in connectionParams)", () => {
  it("delivers the prompt to the user the call acts for, and only to them", async () => {
    const carolWs = subscribeWs(http.wsClient({ Authorization: `Bearer ${await api.tokenFor(carol)}` }), APPROVAL_REQUESTED);
    const bobWs = subscribeWs(http.wsClient({ authorization: `Bearer ${await api.tokenFor(bob)}` }), APPROVAL_REQUESTED);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pending = await ask(carol, "over websocket");
    const { events } = await carolWs.until(1);
    expect(events[0].data.approvalRequested).toMatchObject({
      id: pending.id,
      status: "PENDING_APPROVAL",
      arguments: { text: "over websocket" },
    });
    await ask(bob, "bob's own");
    const bobs = await bobWs.until(1);
    expect(bobs.events.map((event) => event.data.approvalRequested.arguments.text)).toEqual(["bob's own"]);
    expect(carolWs.events).toHaveLength(1);
  });

  it("follows one call to its end for the agent runtime that asked", async () => {
    const pending = await ask(carol, "follow me");
    const updates = subscribeWs(http.wsClient({ token: await api.tokenFor(carol) }), TOOL_CALL_UPDATED, { id: pending.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await api.gql(carol, APPROVE, { id: pending.id });
    const { events } = await updates.until(2);
    expect(events.map((event) => event.data.toolCallUpdated.status)).toEqual(["RUNNING", "SUCCEEDED"]);
  });

  it("refuses a connection with a bad token, and a subscription to someone else's call", async () => {
    const pending = await ask(carol, "private");
    const refused = subscribeWs(http.wsClient({ Authorization: "Bearer not-a-token" }), APPROVAL_REQUESTED);
    const { errors } = await refused.until(1);
    expect((errors[0] as { code?: number }).code).toBe(4403);

    const nosy = subscribeWs(http.wsClient({ Authorization: `Bearer ${await api.tokenFor(bob)}` }), TOOL_CALL_UPDATED, { id: pending.id });
    const result = await nosy.until(1);
    const reported = [...result.events.flatMap((event) => event.errors ?? []), ...result.errors.flat()] as Array<{
      extensions?: { code?: string };
    }>;
    expect(reported[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("over SSE (token in the header)", () => {
  it("delivers the prompt and the call's updates", async () => {
    const token = await api.tokenFor(carol);
    let pendingId = "";
    const prompts = await subscribeSse(token, APPROVAL_REQUESTED, {}, 1, async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      pendingId = (await ask(carol, "over sse")).id;
    });
    expect(prompts[0].data.approvalRequested).toMatchObject({ id: pendingId, arguments: { text: "over sse" } });

    const updates = await subscribeSse(token, TOOL_CALL_UPDATED, { id: pendingId }, 2, async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await api.gql(carol, APPROVE, { id: pendingId });
    });
    expect(updates.map((event) => event.data.toolCallUpdated.status)).toEqual(["RUNNING", "SUCCEEDED"]);
  });

  it("refuses a subscription without a token", async () => {
    const response = await fetch(http.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: APPROVAL_REQUESTED }),
    });
    expect(await response.text()).toMatch(/UNAUTHENTICATED/);
  });
});

describe("when the subscriber's token expires", () => {
  const EXPIRED = "The token has expired";
  const wsAs = (token: string) => http.wsClient({ Authorization: `Bearer ${token}` });
  /** A token of carol's that lives `seconds`, by the clock jose checks against (the real one). */
  const shortLived = (seconds: number) => api.issuer.sign(carol, seconds);
  /** Waits, generously, for what a timer or another connection brings about. */
  const eventually = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  afterEach(() => clock.reset());

  it("closes the graphql-ws socket with 4401 at the token's exp", { timeout: 15_000 }, async () => {
    const watching = subscribeWs(wsAs(await shortLived(2)), APPROVAL_REQUESTED);
    await eventually(() => watching.errors.length > 0);
    expect((watching.errors[0] as { code?: number }).code).toBe(4401);
    expect(watching.events).toEqual([]);
  });

  it("sends no graphql-ws event published after exp, even before the close at exp", async () => {
    const watching = subscribeWs(wsAs(await shortLived(60)), APPROVAL_REQUESTED);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await ask(carol, "before exp");
    await watching.until(1);
    clock.advance(61_000);
    await ask(carol, "after exp");
    const { events, errors } = await watching.until(2);
    expect(events.map((event) => event.data.approvalRequested.arguments.text)).toEqual(["before exp"]);
    expect((errors[0] as { code?: number }).code).toBe(4401);
  });

  it("ends the SSE stream at the token's exp with UNAUTHENTICATED", { timeout: 15_000 }, async () => {
    const events = await subscribeSse(await shortLived(2), APPROVAL_REQUESTED, {}, 2, async () => undefined);
    expect(events).toEqual([{ errors: [expect.objectContaining({ message: EXPIRED, extensions: { code: "UNAUTHENTICATED" } })] }]);
  });

  it("sends no SSE event published after exp, even before the end at exp", { timeout: 15_000 }, async () => {
    const events = await subscribeSse(await shortLived(60), APPROVAL_REQUESTED, {}, 3, async (events) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await ask(carol, "before exp");
      await eventually(() => events.length > 0);
      clock.advance(61_000);
      await ask(carol, "after exp");
    });
    expect(events).toEqual([
      { data: { approvalRequested: expect.objectContaining({ arguments: { text: "before exp" } }) } },
      { errors: [expect.objectContaining({ message: EXPIRED, extensions: { code: "UNAUTHENTICATED" } })] },
    ]);
  });
});
