import { type Connection, type ConnectionScope, connectionId } from "../../domain/connections/connection.js";

/** A sealed value's shape; what it seals does not matter where nothing opens it. */
export const sealedFixture = { ciphertext: "local1.k.i.t.d", preview: "••••" };

/** A connection record for `serverId` in tenant acme; USER and AGENT subjects default to "alice" and "bot". */
export function connectionFixture(scope: ConnectionScope, overrides: Partial<Connection> & { subject?: string } = {}): Connection {
  const { subject = scope === "PLATFORM" ? "" : scope === "USER" ? "alice" : "bot", serverId = "srv", ...rest } = overrides;
  return {
    tenantId: "acme",
    id: connectionId({ serverId, scope, subject }),
    serverId,
    scope,
    userId: scope === "USER" ? subject : null,
    agentId: scope === "AGENT" ? subject : null,
    authorizationScheme: "Bearer",
    credential: sealedFixture,
    refreshToken: null,
    scopes: null,
    headerName: "Authorization",
    extraHeaders: [],
    isActive: true,
    status: "UNKNOWN",
    expiresAt: null,
    createdBy: "alice",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 1,
    ...rest,
  };
}
