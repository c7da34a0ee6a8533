import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallMetrics } from "../../domain/ports/metrics.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { SET_TOOL } from "./tool-fields.js";
import { APPROVE, CALL_TOOL, REJECT } from "./tool-call-fields.js";

/** What the domain told its metrics, in order: the real services, with a recorder in place of EMF. */
const recorded: Array<{ event: keyof CallMetrics } & Record<string, unknown>> = [];
const recorder: CallMetrics = {
  callFinished: (event) => void recorded.push({ event: "callFinished", ...event }),
  approvalRequested: (event) => void recorded.push({ event: "approvalRequested", ...event }),
  approvalDecided: (event) => void recorded.push({ event: "approvalDecided", ...event }),
};

let api: TestApi;
let upstream: SdkServer;
let serverId: string;
const carolBot = { ...carol, agent: "support-bot" } as typeof carol;

const callTool = async (qualifiedName: string, args: Record<string, unknown> = {}) => {
  const result = await api.gql(carolBot, CALL_TOOL, { input: { qualifiedName, arguments: args } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.callTool as { id: string; status: string };
};

beforeAll(async () => {
  api = await startTestApi({ metrics: recorder });
  upstream = await startSdkServer({ requireAuthorization: "Bearer platform" });
  serverId = (
    await api.gql(alice, CREATE, {
      input: { name: "Notes", url: upstream.url, authType: "TOKEN", credential: "Bearer platform", agentAccess: ["support-bot"] },
    })
  ).body.data!.createMcpServer.id;
  await api.gql(alice, SET_TOOL, { id: serverId, tool: "fail", input: { approvalMode: "AUTO" } });
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});
beforeEach(() => void recorded.splice(0));

describe("call metrics", () => {
  it("count a finished call with its latency, per tenant, server and tool", async () => {
    const call = await callTool("mcp__notes__echo", { message: "hi" });
    expect(call.status).toBe("SUCCEEDED");
    expect(recorded).toEqual([
      {
        event: "callFinished",
        tenantId: "acme",
        callId: call.id,
        serverId,
        toolName: "echo",
        status: "SUCCEEDED",
        durationMs: expect.any(Number),
      },
    ]);
    expect(recorded[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("count a failed call as a failure", async () => {
    const call = await callTool("mcp__notes__fail");
    expect(call.status).toBe("FAILED");
    expect(recorded).toEqual([expect.objectContaining({ event: "callFinished", callId: call.id, toolName: "fail", status: "FAILED" })]);
  });

  it("count nothing for a call refused before it ran", async () => {
    const refused = await api.gql(carolBot, CALL_TOOL, { input: { qualifiedName: "mcp__notes__echo", arguments: { message: 42 } } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(recorded).toEqual([]);
  });

  it("count an approval requested, its decision once however many answer, then the call it ran", async () => {
    const pending = await callTool("mcp__notes__write_note", { text: "count me" });
    expect(pending.status).toBe("PENDING_APPROVAL");
    expect(recorded).toEqual([{ event: "approvalRequested", tenantId: "acme", callId: pending.id, serverId, toolName: "write_note" }]);

    const answers = await Promise.all(Array.from({ length: 3 }, () => api.gql(carol, APPROVE, { id: pending.id })));
    expect(answers.filter((answer) => !answer.body.errors)).toHaveLength(1);
    expect(recorded.slice(1)).toEqual([
      {
        event: "approvalDecided",
        tenantId: "acme",
        callId: pending.id,
        serverId,
        toolName: "write_note",
        decision: "APPROVED",
        via: "INBOX",
      },
      expect.objectContaining({ event: "callFinished", callId: pending.id, status: "SUCCEEDED" }),
    ]);
  });

  it("count a rejection as a decision, and no call", async () => {
    const pending = await callTool("mcp__notes__write_note", { text: "not this one" });
    await api.gql(carol, REJECT, { id: pending.id, reason: "no" });
    expect(recorded.map(({ event, decision }) => [event, decision])).toEqual([
      ["approvalRequested", undefined],
      ["approvalDecided", "REJECTED"],
    ]);
  });
});
