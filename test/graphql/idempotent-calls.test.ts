import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../support/clock.js";
import { heldTool } from "../support/mcp/held-tool.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL, PENDING } from "./tool-call-fields.js";

const clock = manualClock();
let api: TestApi;
let upstream: SdkServer;
/** The upstream's answers to `hang` calls, held until a test lets one go. */
const held: Array<() => void> = [];
const carolBot = { ...carol, agent: "support-bot" };

beforeAll(async () => {
  api = await startTestApi({ clock });
  upstream = await startSdkServer({ extraTools: heldTool(held) });
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
});
afterAll(async () => {
  for (const answer of held.splice(0)) answer();
  await api.close();
  await upstream.close();
});

const calls = (tool: string) => upstream.state.calls[tool] ?? 0;
const callTool = (caller: TokenClaims, qualifiedName: string, args: Record<string, unknown>, idempotencyKey?: unknown) =>
  api.gql(caller, CALL_TOOL, { input: { qualifiedName, arguments: args, idempotencyKey } });
const echo = async (caller: TokenClaims, message: string, key: unknown) => {
  const result = await callTool(caller, "mcp__notes__echo", { message }, key);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.callTool;
};
const codeOf = (result: Awaited<ReturnType<TestApi["gql"]>>) => result.body.errors?.[0]?.extensions;

describe("callTool with an idempotency key", () => {
  it("returns the first call to a retry with the same key instead of running the tool again", async () => {
    const before = calls("echo");
    const first = await echo(carol, "once", "retry-1");
    const again = await echo(carol, "once", "retry-1");
    expect(again).toEqual(first);
    expect(first.status).toBe("SUCCEEDED");
    expect(calls("echo")).toBe(before + 1);
  });

  it("returns the first call as it stands, even still RUNNING, and its outcome once it has one", async () => {
    const first = callTool(carol, "mcp__notes__hang", { label: "slow" }, "retry-running");
    while (calls("hang") === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const retried = (await callTool(carol, "mcp__notes__hang", { label: "slow" }, "retry-running")).body.data!.callTool;
    expect(retried).toMatchObject({ status: "RUNNING", result: null });
    held.shift()!();
    const finished = (await first).body.data!.callTool;
    expect(finished).toMatchObject({ id: retried.id, status: "SUCCEEDED" });
    expect((await callTool(carol, "mcp__notes__hang", { label: "slow" }, "retry-running")).body.data!.callTool).toEqual(finished);
    expect(calls("hang")).toBe(1);
  });

  it("runs the tool once for requests with the same key at the same moment", async () => {
    const before = calls("echo");
    const results = await Promise.all(Array.from({ length: 5 }, () => echo(carol, "at once", "retry-concurrent")));
    expect(new Set(results.map((call) => call.id)).size).toBe(1);
    expect(calls("echo")).toBe(before + 1);
  });

  it("asks the user once for a call that needs approval, however often it is retried", async () => {
    const first = (await callTool(carol, "mcp__notes__write_note", { text: "keyed" }, "retry-pending")).body.data!.callTool;
    const again = (await callTool(carol, "mcp__notes__write_note", { text: "keyed" }, "retry-pending")).body.data!.callTool;
    expect(again).toMatchObject({ id: first.id, status: "PENDING_APPROVAL" });
    const pending = (await api.gql(carol, PENDING)).body.data!.pendingApprovals as Array<{ arguments: { text: string } }>;
    expect(pending.filter((call) => call.arguments.text === "keyed")).toHaveLength(1);
  });

  it("refuses the same key with other arguments or another tool (CONFLICT), running nothing", async () => {
    await echo(carol, "original", "retry-reused");
    const before = calls("echo") + calls("write_note");
    expect(codeOf(await callTool(carol, "mcp__notes__echo", { message: "changed" }, "retry-reused"))).toMatchObject({ code: "CONFLICT" });
    expect(codeOf(await callTool(carol, "mcp__notes__write_note", { text: "original" }, "retry-reused"))).toMatchObject({
      code: "CONFLICT",
    });
    expect(calls("echo") + calls("write_note")).toBe(before);
  });

  it("keeps a key to its user and agent: the same key from anyone else is another call", async () => {
    const before = calls("echo");
    const ids = new Set([
      (await echo(carol, "mine", "retry-scoped")).id,
      (await echo(bob, "mine", "retry-scoped")).id,
      (await echo(carolBot, "mine", "retry-scoped")).id,
    ]);
    expect(ids.size).toBe(3);
    expect(calls("echo")).toBe(before + 3);
    expect(codeOf(await callTool(mallory, "mcp__notes__echo", { message: "mine" }, "retry-scoped"))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("forgets a key after an hour: the same key then runs the tool again", async () => {
    const first = await echo(carol, "hourly", "retry-hour");
    clock.advance(60 * 60_000 - 1000);
    expect((await echo(carol, "hourly", "retry-hour")).id).toBe(first.id);
    clock.advance(1000);
    const before = calls("echo");
    expect((await echo(carol, "hourly", "retry-hour")).id).not.toBe(first.id);
    expect(calls("echo")).toBe(before + 1);
  });

  it.each([
    ["an empty key", ""],
    ["a key over 255 characters", "k".repeat(256)],
  ])("refuses %s, storing and running nothing", async (_label, key) => {
    const before = { echo: calls("echo"), items: (await api.table.rawItems()).length };
    expect(codeOf(await callTool(carol, "mcp__notes__echo", { message: "bad key" }, key))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "idempotencyKey",
    });
    expect(calls("echo")).toBe(before.echo);
    expect((await api.table.rawItems()).length).toBe(before.items);
  });
});
