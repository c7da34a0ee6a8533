import type { ConnectionService } from "../connections/connection-service.js";
import { resolveConnection } from "../connections/resolve-connection.js";
import type { ServerStore } from "../ports/server-store.js";
import type { ConnectionStatus, McpServer } from "../servers/server.js";
import { canSee } from "../servers/server-access.js";
import type { Caller } from "../shared/caller.js";
import { admits, agentFor } from "../servers/agent-access.js";

export interface ConnectorStatus {
  server: McpServer;
  status: ConnectionStatus;
  expiresAt: string | null;
}

/**
 * For a chat header's green and red dots: per server the caller (and agent) may use, whether
 * it is connected, not yet connected (OAuth without tokens), needs reconnecting, or is failing.
 * Three connection queries and one server query, whatever the number of servers.
 */
export async function connectorStatuses(
  deps: { serverStore: ServerStore; connections: ConnectionService },
  caller: Caller,
  agentIdArg?: string | null,
): Promise<ConnectorStatus[]> {
  const agentId = agentFor(caller, agentIdArg);
  const [servers, candidatesOf] = await Promise.all([
    deps.serverStore.list(caller.tenantId),
    deps.connections.candidatesAcrossServers(caller, agentId),
  ]);
  return servers
    .filter((server) => canSee(caller, server) && server.isEnabled && admits(server, agentId))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((server) => {
      const resolution = resolveConnection(server, agentId, candidatesOf(server.id));
      const connection = resolution.connection;
      if (server.authType === "OAUTH2") {
        if (!connection) return { server, status: "NOT_CONNECTED", expiresAt: null };
        return {
          server,
          status: connection.status === "RECONNECT_REQUIRED" ? "RECONNECT_REQUIRED" : "CONNECTED",
          expiresAt: connection.expiresAt,
        };
      }
      if (!resolution.usable) return { server, status: "NOT_CONNECTED", expiresAt: null };
      return { server, status: server.status === "ERROR" ? "ERROR" : "CONNECTED", expiresAt: connection?.expiresAt ?? null };
    });
}
