import type { ConnectionStatus, McpServer } from "../servers/server.js";
import type { Grant } from "./grant-rule.js";

export interface ConnectorStatus {
  server: McpServer;
  status: ConnectionStatus;
  expiresAt: string | null;
}

/**
 * For a chat header's green and red dots: per server the actor may use but for a credential,
 * whether it is connected, not yet connected (OAuth without tokens), needs reconnecting, or is
 * failing.
 */
export function connectorStatuses(grants: readonly Grant[]): ConnectorStatus[] {
  return grants
    .filter(({ denial }) => denial === null || denial.reason === "NOT_CONNECTED")
    .sort((a, b) => a.server.name.localeCompare(b.server.name))
    .map(statusOf);
}

function statusOf({ server, resolution }: Grant): ConnectorStatus {
  const { connection } = resolution;
  if (server.authType === "OAUTH2") {
    if (!connection) return { server, status: "NOT_CONNECTED", expiresAt: null };
    return {
      server,
      // The user's own tokens: their account is connected (the flow itself reached the server, for its metadata).
      status: connection.status === "RECONNECT_REQUIRED" ? "RECONNECT_REQUIRED" : "CONNECTED",
      expiresAt: connection.expiresAt,
    };
  }
  if (!resolution.usable) return { server, status: "NOT_CONNECTED", expiresAt: null };
  return { server, status: reached(server), expiresAt: connection?.expiresAt ?? null };
}

/** Green only for a server a check reached; red for one that failed; UNKNOWN for one nobody has checked as it is now. */
const reached = (server: McpServer): ConnectionStatus =>
  server.status === "CONNECTED" || server.status === "ERROR" ? server.status : "UNKNOWN";
