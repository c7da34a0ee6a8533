import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../support/clock.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { SET_TOOL } from "./tool-fields.js";
import { APPROVE, CALL_TOOL, PENDING, REJECT, TOOL_CALL } from "./tool-call-fields.js";

const clock = manualClock();
let api: TestApi;
let upstream: SdkServer;
let serverId: string;
const carolBot = { ...carol, agent: "support-bot" } as typeof carol;

const callTool = (caller: typeof alice, input: Record<string, unknown>) => api.gql(caller, CALL_TOOL, { input });
const ok = (result: Awaited<ReturnType<TestApi["gql"]>>, field: string) => {
  expect(result.body.errors).toBeUndefined();
  return result.body.data![field];
};
const codeOf = (result: Awaited<ReturnType<TestApi["gql"]>>) => result.body.errors?.[0]?.extensions;

beforeAll(async () => {
  api = await startTestApi({ clock, mcpRequestTimeoutMs: 500 });
  upstream = await startSdkServer({ requireAuthorization: "Bearer platform" });
  serverId = (
    await api.gql(alice, CREATE, {
      input: { name: "Notes", url: upstream.url, authType: "TOKEN", credential: "Bearer platform", agentAccess: ["support-bot"] },
    })
  ).body.data!.createMcpServer.id;
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});

describe("callTool without approval", () => {
  it("runs a READ tool at once and returns SUCCEEDED with the MCP result, audited", async () => {
    const call = ok(await callTool(carolBot, { qualifiedName: "mcp__notes__echo", arguments: { message: "hi" } }), "callTool");
    expect(call).toMatchObject({
      status: "SUCCEEDED",
      toolName: "echo",
      requestedBy: "carol",
      agentId: "support-bot",
      connectionScope: "SERVER_CREDENTIAL",
      arguments: { message: "hi" },
      result: { content: [{ type: "text", text: "hi" }] },
      error: null,
      decidedBy: null,
      expiresAt: null,
    });
    expect(call.durationMs).toBeGreaterThanOrEqual(0);
    expect(ok(await api.gql(carolBot, TOOL_CALL, { id: call.id }), "toolCall")).toEqual(call);
  });

  it("returns FAILED for a tool that reports an error", async () => {
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "fail", input: { approvalMode: "AUTO" } });
    const call = ok(await callTool(carolBot, { qualifiedName: "mcp__notes__fail" }), "callTool");
    expect(call).toMatchObject({ status: "FAILED", error: "The tool reported an error.", result: { isError: true } });
  });

  it("returns FAILED with an UPSTREAM reason when the server times out", async () => {
    const call = ok(await callTool(carolBot, { qualifiedName: "mcp__notes__slow", arguments: { ms: 3000 } }), "callTool");
    expect(call).toMatchObject({ status: "FAILED", error: "The server did not answer in time.", result: null });
  });
});

describe("callTool refusals", () => {
  it.each([
    [
      "arguments failing the schema",
      carolBot,
      { qualifiedName: "mcp__notes__echo", arguments: { message: 42 } },
      { code: "BAD_USER_INPUT", field: "arguments.message" },
    ],
    [
      "a missing required argument",
      carolBot,
      { qualifiedName: "mcp__notes__echo", arguments: {} },
      { code: "BAD_USER_INPUT", field: "arguments.message" },
    ],
    [
      "arguments that are not an object",
      carolBot,
      { qualifiedName: "mcp__notes__echo", arguments: [1, 2] },
      { code: "BAD_USER_INPUT", field: "arguments" },
    ],
    ["an unknown tool", carolBot, { qualifiedName: "mcp__notes__nope" }, { code: "NOT_FOUND" }],
    ["an unknown server", carolBot, { qualifiedName: "mcp__nowhere__echo" }, { code: "NOT_FOUND" }],
    ["a malformed name", carolBot, { qualifiedName: "echo" }, { code: "NOT_FOUND" }],
    [
      "an agent outside agentAccess",
      { ...carol, agent: "sales-bot" },
      { qualifiedName: "mcp__notes__echo", arguments: { message: "x" } },
      { code: "FORBIDDEN" },
    ],
    [
      "no agent at all on an agent-limited server",
      carol,
      { qualifiedName: "mcp__notes__echo", arguments: { message: "x" } },
      { code: "FORBIDDEN" },
    ],
    [
      "a member naming an agent without an agent token",
      carol,
      { qualifiedName: "mcp__notes__echo", agentId: "support-bot", arguments: { message: "x" } },
      { code: "FORBIDDEN" },
    ],
    [
      "a token bound to another agent",
      carolBot,
      { qualifiedName: "mcp__notes__echo", agentId: "sales-bot", arguments: { message: "x" } },
      { code: "FORBIDDEN" },
    ],
    [
      "another tenant",
      { ...mallory, agent: "support-bot" },
      { qualifiedName: "mcp__notes__echo", arguments: { message: "x" } },
      { code: "NOT_FOUND" },
    ],
  ] as const)("refuses %s, running nothing", async (_label, caller, input, expected) => {
    const before = upstream.state.calls.echo ?? 0;
    expect(codeOf(await callTool(caller as typeof alice, input as Record<string, unknown>))).toMatchObject(expected);
    expect(upstream.state.calls.echo ?? 0).toBe(before);
  });

  it("refuses a disabled tool and a disabled server", async () => {
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "echo", input: { enabled: false } });
    expect(codeOf(await callTool(carolBot, { qualifiedName: "mcp__notes__echo", arguments: { message: "x" } }))).toMatchObject({
      code: "FORBIDDEN",
    });
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "echo", input: { enabled: true } });
    const other = (await api.gql(alice, CREATE, { input: { name: "Off", url: upstream.url, isEnabled: false } })).body.data!.createMcpServer
      .id;
    expect(other).toBeDefined();
    expect(codeOf(await callTool(carolBot, { qualifiedName: "mcp__off__echo", arguments: { message: "x" } }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("calls that need approval", () => {
  const ask = async (caller = carolBot, text = "remember the milk") =>
    ok(await callTool(caller, { qualifiedName: "mcp__notes__write_note", arguments: { text } }), "callTool");

  it("wait as PENDING_APPROVAL, listed for their user only, and run once approved", async () => {
    const before = upstream.state.calls.write_note ?? 0;
    const pending = await ask();
    expect(pending).toMatchObject({ status: "PENDING_APPROVAL", result: null, requestedBy: "carol" });
    expect(Date.parse(pending.expiresAt) - Date.parse(pending.createdAt)).toBe(10 * 60_000);
    expect(upstream.state.calls.write_note ?? 0).toBe(before);
    expect(ok(await api.gql(carol, PENDING), "pendingApprovals").map((call: { id: string }) => call.id)).toContain(pending.id);
    expect(ok(await api.gql(bob, PENDING), "pendingApprovals")).toEqual([]);

    const approved = ok(await api.gql(carol, APPROVE, { id: pending.id }), "approveToolCall");
    expect(approved).toMatchObject({
      status: "SUCCEEDED",
      decidedBy: "carol",
      result: { content: [{ type: "text", text: "stored: remember the milk" }] },
    });
    expect(upstream.state.calls.write_note).toBe(before + 1);
    expect(ok(await api.gql(carol, PENDING), "pendingApprovals").map((call: { id: string }) => call.id)).not.toContain(pending.id);
  });

  it("run exactly once when approved twice at the same moment", async () => {
    const pending = await ask(carolBot, "only once");
    const before = upstream.state.calls.write_note ?? 0;
    const attempts = await Promise.all(Array.from({ length: 5 }, () => api.gql(carol, APPROVE, { id: pending.id })));
    expect(attempts.filter((result) => !result.body.errors)).toHaveLength(1);
    expect(attempts.filter((result) => codeOf(result)?.code === "CONFLICT")).toHaveLength(4);
    expect(upstream.state.calls.write_note).toBe(before + 1);
  });

  it("are never decided by a token acting for an agent, even the user's own", async () => {
    const pending = await ask();
    expect(codeOf(await api.gql(carolBot, APPROVE, { id: pending.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(codeOf(await api.gql(carolBot, REJECT, { id: pending.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(ok(await api.gql(carol, TOOL_CALL, { id: pending.id }), "toolCall").status).toBe("PENDING_APPROVAL");
  });

  it("are decided only by the user they act for", async () => {
    const pending = await ask();
    expect(codeOf(await api.gql(alice, APPROVE, { id: pending.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(codeOf(await api.gql(bob, APPROVE, { id: pending.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(codeOf(await api.gql(bob, REJECT, { id: pending.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(codeOf(await api.gql(mallory, APPROVE, { id: pending.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(ok(await api.gql(carol, TOOL_CALL, { id: pending.id }), "toolCall").status).toBe("PENDING_APPROVAL");
  });

  it("can be rejected, leaving a result the assistant can read, and then not approved", async () => {
    const pending = await ask();
    const before = upstream.state.calls.write_note ?? 0;
    const rejected = ok(await api.gql(carol, REJECT, { id: pending.id, reason: "not today" }), "rejectToolCall");
    expect(rejected).toMatchObject({
      status: "REJECTED",
      decidedBy: "carol",
      reason: "not today",
      result: { isError: true, content: [{ type: "text", text: "The user rejected this tool call: not today" }] },
    });
    expect(codeOf(await api.gql(carol, APPROVE, { id: pending.id }))).toMatchObject({ code: "CONFLICT" });
    expect(upstream.state.calls.write_note ?? 0).toBe(before);
  });

  it("expire after APPROVAL_TTL and can no longer be approved", async () => {
    const pending = await ask();
    clock.advance(10 * 60_000 + 1);
    expect(ok(await api.gql(carol, TOOL_CALL, { id: pending.id }), "toolCall").status).toBe("EXPIRED");
    expect(ok(await api.gql(carol, PENDING), "pendingApprovals")).toEqual([]);
    expect(codeOf(await api.gql(carol, APPROVE, { id: pending.id }))).toMatchObject({ code: "CONFLICT" });
    expect(codeOf(await api.gql(carol, REJECT, { id: pending.id }))).toMatchObject({ code: "CONFLICT" });
  });

  it("follow the tool's settings: ASK asks even for a READ tool", async () => {
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "echo", input: { approvalMode: "ASK" } });
    const call = ok(await callTool(carolBot, { qualifiedName: "mcp__notes__echo", arguments: { message: "ask me" } }), "callTool");
    expect(call.status).toBe("PENDING_APPROVAL");
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "echo", input: { approvalMode: "DEFAULT" } });
  });

  it("fail instead of running when the tool was disabled before the approval", async () => {
    const pending = await ask();
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "write_note", input: { enabled: false } });
    const before = upstream.state.calls.write_note ?? 0;
    const approved = ok(await api.gql(carol, APPROVE, { id: pending.id }), "approveToolCall");
    expect(approved).toMatchObject({ status: "FAILED", error: "The tool write_note is disabled" });
    expect(upstream.state.calls.write_note ?? 0).toBe(before);
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "write_note", input: { enabled: true } });
  });
});

describe("the audit", () => {
  it("shows a call to its user and to admins only, and never holds a credential", async () => {
    const call = ok(await callTool(carolBot, { qualifiedName: "mcp__notes__echo", arguments: { message: "audit me" } }), "callTool");
    expect(ok(await api.gql(alice, TOOL_CALL, { id: call.id }), "toolCall").requestedBy).toBe("carol");
    expect(codeOf(await api.gql(bob, TOOL_CALL, { id: call.id }))?.code).toBe("NOT_FOUND");
    const stored = JSON.stringify((await api.table.rawItems()).filter((item) => JSON.stringify(item).includes(call.id)));
    expect(stored).toContain("audit me");
    expect(stored).not.toContain("Bearer platform");
    expect(stored).toContain("SERVER_CREDENTIAL");
  });

  it("keeps calls on a member's private server from admins too", async () => {
    await api.gql(bob, CREATE, { input: { name: "Bob Notes", url: upstream.url, authType: "TOKEN", credential: "Bearer platform" } });
    const call = ok(await callTool(bob, { qualifiedName: "mcp__bob_notes__echo", arguments: { message: "private" } }), "callTool");
    expect(call.status).toBe("SUCCEEDED");
    expect(codeOf(await api.gql(alice, TOOL_CALL, { id: call.id }))?.code).toBe("NOT_FOUND");
    expect(ok(await api.gql(bob, TOOL_CALL, { id: call.id }), "toolCall").id).toBe(call.id);
  });
});
