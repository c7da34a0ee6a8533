import { describe, expect, it } from "vitest";
import { type ConnectionCandidates, resolveConnection } from "../../domain/connections/resolve-connection.js";
import type { McpServer, ServerAuthType } from "../../domain/servers/server.js";
import { connectionFixture, sealedFixture } from "../support/fixtures.js";

const sealed = sealedFixture;
const server = (authType: ServerAuthType, withCredential = false) =>
  ({ id: "srv", tenantId: "acme", authType, credential: withCredential ? sealed : null, authHeaderName: "Authorization" }) as McpServer;
const connection = connectionFixture;
const all = (): ConnectionCandidates => ({ user: connection("USER"), agent: connection("AGENT"), platform: connection("PLATFORM") });

/** [row, server, agent, candidates, chosen source, usable] */
const PRECEDENCE: Array<[string, McpServer, string | undefined, ConnectionCandidates, string, boolean]> = [
  ["the caller's USER connection comes first", server("TOKEN"), "bot", all(), "USER", true],
  [
    "an inactive USER connection is skipped for the AGENT one",
    server("TOKEN"),
    "bot",
    { ...all(), user: connection("USER", { isActive: false }) },
    "AGENT",
    true,
  ],
  [
    "no USER connection: the calling agent's AGENT connection",
    server("TOKEN"),
    "bot",
    { agent: connection("AGENT"), platform: connection("PLATFORM") },
    "AGENT",
    true,
  ],
  [
    "an AGENT connection is not used when no agent calls",
    server("TOKEN"),
    undefined,
    { agent: connection("AGENT"), platform: connection("PLATFORM") },
    "PLATFORM",
    true,
  ],
  [
    "an inactive AGENT connection is skipped for PLATFORM",
    server("TOKEN"),
    "bot",
    { agent: connection("AGENT", { isActive: false }), platform: connection("PLATFORM") },
    "PLATFORM",
    true,
  ],
  [
    "the PLATFORM connection before the server's own credential",
    server("TOKEN", true),
    "bot",
    { platform: connection("PLATFORM") },
    "PLATFORM",
    true,
  ],
  [
    "an inactive PLATFORM connection is skipped for the server's credential",
    server("TOKEN", true),
    "bot",
    { platform: connection("PLATFORM", { isActive: false }) },
    "SERVER_CREDENTIAL",
    true,
  ],
  ["the server's own credential when nothing else applies", server("TOKEN", true), "bot", {}, "SERVER_CREDENTIAL", true],
  [
    "a connection without a credential is skipped on a TOKEN server",
    server("TOKEN", true),
    undefined,
    { user: connection("USER", { credential: null }) },
    "SERVER_CREDENTIAL",
    true,
  ],
  ["nothing at all: a TOKEN server is unusable", server("TOKEN"), "bot", { user: connection("USER", { isActive: false }) }, "NONE", false],
  ["a NONE server is usable without a connection", server("NONE"), undefined, {}, "NONE", true],
  ["OAuth: only the caller's own USER connection", server("OAUTH2"), "bot", all(), "USER", true],
  [
    "OAuth never falls back to AGENT or PLATFORM",
    server("OAUTH2"),
    "bot",
    { agent: connection("AGENT"), platform: connection("PLATFORM") },
    "NONE",
    false,
  ],
  [
    "OAuth with an inactive USER connection is not connected",
    server("OAUTH2"),
    "bot",
    { user: connection("USER", { isActive: false }) },
    "NONE",
    false,
  ],
  [
    "JWT passthrough uses a connection's scheme and header when there is one",
    server("JWT_PASSTHROUGH"),
    "bot",
    { platform: connection("PLATFORM", { credential: null }) },
    "PLATFORM",
    true,
  ],
];

describe("resolveConnection precedence", () => {
  it.each(PRECEDENCE)("%s", (_row, srv, agentId, candidates, source, usable) => {
    const resolution = resolveConnection(srv, agentId, candidates);
    expect(resolution.source).toBe(source);
    expect(resolution.usable).toBe(usable);
    const expected =
      source === "USER" ? candidates.user : source === "AGENT" ? candidates.agent : source === "PLATFORM" ? candidates.platform : null;
    expect(resolution.connection).toBe(expected ?? null);
  });

  it("explains a fallback to the platform connection", () => {
    const resolution = resolveConnection(server("TOKEN"), "bot", {
      user: connection("USER", { isActive: false }),
      platform: connection("PLATFORM"),
    });
    expect(resolution.explanation).toBe(
      "Using the platform connection (your user connection is inactive; there is no agent's connection).",
    );
  });

  it("explains why an OAuth server is not connected", () => {
    expect(resolveConnection(server("OAUTH2"), undefined, { platform: connection("PLATFORM") }).explanation).toBe(
      "Not connected: connect your account with startOAuth (there is no user connection).",
    );
  });
});
