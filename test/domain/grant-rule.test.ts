import { describe, expect, it } from "vitest";
import { actAs } from "../../domain/access/actor.js";
import { type DenialReason, grantFor, usable } from "../../domain/access/grant-rule.js";
import type { ConnectionCandidates } from "../../domain/connections/resolve-connection.js";
import type { McpServer, ServerAuthType } from "../../domain/servers/server.js";
import { connectionFixture, sealedFixture } from "../support/fixtures.js";
import type { Caller } from "../../domain/shared/caller.js";

const sealed = sealedFixture;
const server = (authType: ServerAuthType, overrides: Partial<McpServer> = {}) =>
  ({
    id: "srv",
    tenantId: "acme",
    name: "Tickets",
    authType,
    visibility: "SHARED",
    ownerId: null,
    isEnabled: true,
    agentAccess: null,
    credential: null,
    authHeaderName: "Authorization",
    ...overrides,
  }) as McpServer;
const connection = connectionFixture;
const alice: Caller = { tenantId: "acme", userId: "alice", roles: [] };
const aliceAdmin: Caller = { ...alice, roles: ["admin"] };
const aliceFor = (agent: string) => ({ ...alice, agentId: agent });
const mine = { user: connection("USER") };
const none: ConnectionCandidates = {};

/** [row, server, caller, candidates, denial (null: usable), credential source] */
const TABLE: Array<[string, McpServer, Caller, ConnectionCandidates, DenialReason | null, string]> = [
  // visibility
  ["a shared server with the caller's own connection is usable", server("TOKEN"), alice, mine, null, "USER"],
  [
    "another user's private server is not visible",
    server("TOKEN", { visibility: "PRIVATE", ownerId: "bob" }),
    alice,
    mine,
    "NOT_VISIBLE",
    "USER",
  ],
  ["nor to an admin", server("TOKEN", { visibility: "PRIVATE", ownerId: "bob" }), aliceAdmin, mine, "NOT_VISIBLE", "USER"],
  ["the caller's own private server is usable", server("NONE", { visibility: "PRIVATE", ownerId: "alice" }), alice, none, null, "NONE"],
  ["another tenant's server is not visible", server("NONE", { tenantId: "globex" }), alice, none, "NOT_VISIBLE", "NONE"],
  // enabled
  ["a disabled server is refused, credential or not", server("TOKEN", { isEnabled: false }), alice, mine, "DISABLED", "USER"],
  [
    "invisibility comes before being disabled",
    server("NONE", { isEnabled: false, visibility: "PRIVATE", ownerId: "bob" }),
    alice,
    none,
    "NOT_VISIBLE",
    "NONE",
  ],
  // agent access
  ["agentAccess admits its agents", server("NONE", { agentAccess: ["bot"] }), aliceFor("bot"), none, null, "NONE"],
  ["agentAccess refuses other agents", server("NONE", { agentAccess: ["bot"] }), aliceFor("spy"), none, "AGENT_NOT_ALLOWED", "NONE"],
  ["agentAccess refuses a caller acting for no agent", server("NONE", { agentAccess: ["bot"] }), alice, none, "AGENT_NOT_ALLOWED", "NONE"],
  ["being disabled comes before agent access", server("NONE", { isEnabled: false, agentAccess: ["bot"] }), alice, none, "DISABLED", "NONE"],
  // candidates x auth type
  ["a TOKEN server without any credential is not connected", server("TOKEN"), alice, none, "NOT_CONNECTED", "NONE"],
  ["a TOKEN server's own credential serves everyone", server("TOKEN", { credential: sealed }), alice, none, null, "SERVER_CREDENTIAL"],
  ["the agent's connection serves the agent's actor", server("TOKEN"), aliceFor("bot"), { agent: connection("AGENT") }, null, "AGENT"],
  ["the agent's connection does not serve the user alone", server("TOKEN"), alice, { agent: connection("AGENT") }, "NOT_CONNECTED", "NONE"],
  ["the platform connection serves everyone", server("TOKEN"), alice, { platform: connection("PLATFORM") }, null, "PLATFORM"],
  [
    "an inactive connection serves no one",
    server("TOKEN"),
    alice,
    { user: connection("USER", { isActive: false }) },
    "NOT_CONNECTED",
    "NONE",
  ],
  ["a NONE server needs no connection", server("NONE"), alice, none, null, "NONE"],
  [
    "an OAuth server only takes the user's own connection",
    server("OAUTH2"),
    aliceFor("bot"),
    { agent: connection("AGENT"), platform: connection("PLATFORM") },
    "NOT_CONNECTED",
    "NONE",
  ],
  ["an OAuth server with the user's connection is usable", server("OAUTH2"), alice, mine, null, "USER"],
  ["a JWT passthrough server needs no stored credential", server("JWT_PASSTHROUGH"), alice, none, null, "NONE"],
];

describe("grantFor: may this actor use this server, and with whose credential", () => {
  it.each(TABLE)("%s", (_row, srv, caller, candidates, denial, source) => {
    const grant = grantFor(actAs(caller), srv, candidates);
    expect(grant.denial?.reason ?? null).toBe(denial);
    expect(grant.resolution.source).toBe(source);
    expect(grant.server).toBe(srv);
  });

  it("says why, in words a user can act on", () => {
    const limited = server("NONE", { agentAccess: ["bot"] });
    expect(grantFor(actAs(aliceFor("spy")), limited, none).denial?.message).toBe("Agent spy may not use Tickets");
    expect(grantFor(actAs(alice), limited, none).denial?.message).toBe("Tickets is limited to named agents");
    expect(grantFor(actAs(alice), server("TOKEN", { isEnabled: false }), none).denial?.message).toBe("The server Tickets is disabled");
    expect(grantFor(actAs(alice), server("OAUTH2"), none).denial?.message).toMatch(/^Not connected: connect your account with startOAuth/);
  });

  it("turns a denial into the error a caller sees: missing when invisible, forbidden otherwise", () => {
    const invisible = grantFor(actAs(alice), server("NONE", { visibility: "PRIVATE", ownerId: "bob" }), none);
    expect(() => usable(invisible)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    const disabled = grantFor(actAs(alice), server("NONE", { isEnabled: false }), none);
    expect(() => usable(disabled)).toThrow(expect.objectContaining({ code: "FORBIDDEN", message: "The server Tickets is disabled" }));
    const fine = grantFor(actAs(alice), server("NONE"), none);
    expect(usable(fine)).toBe(fine);
  });
});
