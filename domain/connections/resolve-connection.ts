import type { McpServer } from "../servers/server.js";
import { type Connection, type ConnectionScope, hasCredential } from "./connection.js";

/** Where the credential for a call comes from. SERVER_CREDENTIAL: the server's own, its tenant-wide default. */
export type ResolutionSource = ConnectionScope | "SERVER_CREDENTIAL" | "NONE";

export interface ConnectionCandidates {
  user?: Connection;
  agent?: Connection;
  platform?: Connection;
}

export interface ConnectionResolution {
  source: ResolutionSource;
  connection: Connection | null;
  /** Whether a call can be made with it (a TOKEN server without any credential cannot). */
  usable: boolean;
  /** Why this one: which candidates were absent or skipped, in the order they were tried. */
  explanation: string;
}

const LABEL: Record<ConnectionScope, string> = {
  USER: "your user connection",
  AGENT: "the agent's connection",
  PLATFORM: "the platform connection",
};

/**
 * Picks the credential for `caller` (and the calling agent) on `server`, in order: the caller's
 * active USER connection, the agent's active AGENT connection, the active PLATFORM connection,
 * then the server's own credential. OAuth servers only ever use the caller's own connection:
 * an OAuth token is always some user's, and never someone else's.
 */
export function resolveConnection(server: McpServer, agentId: string | undefined, candidates: ConnectionCandidates): ConnectionResolution {
  const notes: string[] = [];
  const tried: Array<[ConnectionScope, Connection | undefined]> =
    server.authType === "OAUTH2"
      ? [["USER", candidates.user]]
      : [
          ["USER", candidates.user],
          ["AGENT", agentId ? candidates.agent : undefined],
          ["PLATFORM", candidates.platform],
        ];
  for (const [scope, connection] of tried) {
    const problem = problemOf(connection, server.authType === "TOKEN");
    if (!problem) return { source: scope, connection: connection!, usable: true, explanation: explain(`Using ${LABEL[scope]}`, notes) };
    if (scope === "AGENT" && !agentId) notes.push("no agent is calling");
    else if (problem === "absent") notes.push(`there is no ${LABEL[scope].replace(/^(your|the) /, "")}`);
    else notes.push(`${LABEL[scope]} is ${problem}`);
  }
  return withoutConnection(server, notes);
}

/** Why a candidate connection cannot serve, or null when it can. */
function problemOf(connection: Connection | undefined, needsCredential: boolean): "absent" | "inactive" | "without a credential" | null {
  if (!connection) return "absent";
  if (!connection.isActive) return "inactive";
  return needsCredential && !hasCredential(connection) ? "without a credential" : null;
}

/** No connection serves: the server's own credential, or none. */
function withoutConnection(server: McpServer, notes: string[]): ConnectionResolution {
  const none = { source: "NONE" as const, connection: null };
  if (server.authType === "OAUTH2") {
    return { ...none, usable: false, explanation: explain("Not connected: connect your account with startOAuth", notes) };
  }
  if (server.credential) {
    // For a featured server this is its global connection, offered to everyone in the tenant.
    const outcome = server.isFeatured ? "Using the featured server's global credential" : "Using the server's own credential";
    return { source: "SERVER_CREDENTIAL", connection: null, usable: true, explanation: explain(outcome, notes) };
  }
  const usable = server.authType !== "TOKEN";
  const outcome = usable ? "Sending no credential of a connection (the server does not need one)" : "No credential available";
  return { ...none, usable, explanation: explain(outcome, notes) };
}

const explain = (outcome: string, notes: string[]) => (notes.length ? `${outcome} (${notes.join("; ")}).` : `${outcome}.`);
