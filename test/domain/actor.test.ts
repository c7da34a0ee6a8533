import { describe, expect, it } from "vitest";
import { actAs, platformActor, recordedActor } from "../../domain/access/actor.js";
import type { McpServer } from "../../domain/servers/server.js";
import type { Caller } from "../../domain/shared/caller.js";

const member: Caller = { tenantId: "acme", userId: "bob", roles: [] };
const admin: Caller = { tenantId: "acme", userId: "alice", roles: ["admin"] };
const agentToken: Caller = { ...member, agentId: "support-bot" };
const embedded = { chatId: "chat", jwt: "call.jwt.x", subject: "bob@site", expiresAt: "2099-01-01T00:00:00.000Z" };

describe("actAs", () => {
  it.each<[string, Caller, string | null | undefined, string | undefined]>([
    ["a token's agent is the agent", agentToken, undefined, "support-bot"],
    ["an agent token may name its own agent", agentToken, "support-bot", "support-bot"],
    ["an admin may act for any agent", admin, "sales-bot", "sales-bot"],
    ["no agent when none is named", member, null, undefined],
  ])("%s", (_row, caller, requested, agentId) => {
    expect(actAs(caller, requested).agentId).toBe(agentId);
  });

  it.each<[string, Caller, string, string]>([
    ["an agent token naming another agent", agentToken, "sales-bot", "FORBIDDEN"],
    ["a member naming an agent", member, "support-bot", "FORBIDDEN"],
    ["an id that is not an agent id", admin, "bad agent!", "BAD_USER_INPUT"],
  ])("refuses %s", (_row, caller, requested, code) => {
    expect(() => actAs(caller, requested)).toThrow(expect.objectContaining({ code }));
  });

  it("keeps who the caller is and what an embedded chat vouched for", () => {
    expect(actAs({ ...admin, embedded }, "bot")).toEqual({ tenantId: "acme", userId: "alice", roles: ["admin"], agentId: "bot", embedded });
  });
});

describe("recordedActor", () => {
  const call = { tenantId: "acme", requestedBy: "bob", agentId: "support-bot" };

  it("runs an approved call as its user, for the agent recorded, with the embedded token that came with the call", () => {
    const approvals = { ...member, embedded: { ...embedded, jwt: "approval.jwt.x" } };
    expect(recordedActor(approvals, call, embedded)).toEqual({
      tenantId: "acme",
      userId: "bob",
      roles: [],
      agentId: "support-bot",
      embedded,
    });
    expect(recordedActor(approvals, call, undefined)).toEqual({ tenantId: "acme", userId: "bob", roles: [], agentId: "support-bot" });
    expect(recordedActor(member, { ...call, agentId: null }, undefined).agentId).toBeUndefined();
  });

  it("refuses anyone but the call's user", () => {
    expect(() => recordedActor(admin, call, undefined)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => recordedActor({ ...member, tenantId: "globex" }, call, undefined)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});

describe("platformActor", () => {
  it("acts as a private server's owner, and as the platform for a shared one", () => {
    const shared = { tenantId: "acme", visibility: "SHARED", ownerId: null } as McpServer;
    const owned = { tenantId: "acme", visibility: "PRIVATE", ownerId: "bob" } as McpServer;
    // Marked as the platform: no user's connection is ever read for it.
    expect(platformActor(shared, "refresh-tools")).toEqual({ tenantId: "acme", userId: "system:refresh-tools", roles: [], platform: true });
    expect(platformActor(owned, "refresh-tools")).toEqual({ tenantId: "acme", userId: "bob", roles: [] });
  });
});
