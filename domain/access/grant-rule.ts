import { type ConnectionCandidates, type ConnectionResolution, resolveConnection } from "../connections/resolve-connection.js";
import type { McpServer } from "../servers/server.js";
import { canSee } from "../servers/server-access.js";
import { forbidden, notFound } from "../shared/errors.js";
import type { Actor } from "./actor.js";

export type DenialReason = "NOT_VISIBLE" | "DISABLED" | "AGENT_NOT_ALLOWED" | "NOT_CONNECTED";

/** What one actor may do with one server, and with whose credential. */
export interface Grant {
  readonly server: McpServer;
  /** The credential a request would use and why, in the order of resolveConnection. */
  readonly resolution: ConnectionResolution;
  /** Why the actor may not use the server's tools; null when it may. */
  readonly denial: { readonly reason: DenialReason; readonly message: string } | null;
}

/**
 * The product's central rule: may this actor (a user, and the agent it acts for) use this
 * server, and with whose credential. In order: the server must be visible to the user (shared,
 * or their own private one), enabled, open to the agent (agentAccess null admits every agent;
 * a list admits its agents only, and no agent is outside every list), and reachable with a
 * credential the actor may use.
 */
export function grantFor(actor: Actor, server: McpServer, candidates: ConnectionCandidates): Grant {
  const resolution = resolveConnection(server, actor.agentId, candidates);
  return { server, resolution, denial: denialOf(actor, server, resolution) };
}

export const grantsFor = (actor: Actor, servers: readonly McpServer[], candidatesOf: (serverId: string) => ConnectionCandidates) =>
  servers.map((server) => grantFor(actor, server, candidatesOf(server.id)));

function denialOf(actor: Actor, server: McpServer, resolution: ConnectionResolution): Grant["denial"] {
  if (!canSee(actor, server)) return { reason: "NOT_VISIBLE", message: "MCP server not found" };
  if (!server.isEnabled) return { reason: "DISABLED", message: `The server ${server.name} is disabled` };
  if (!admits(server, actor.agentId)) {
    const message = actor.agentId ? `Agent ${actor.agentId} may not use ${server.name}` : `${server.name} is limited to named agents`;
    return { reason: "AGENT_NOT_ALLOWED", message };
  }
  if (!resolution.usable) return { reason: "NOT_CONNECTED", message: resolution.explanation };
  return null;
}

const admits = (server: McpServer, agentId: string | undefined) =>
  server.agentAccess === null || (agentId !== undefined && server.agentAccess.includes(agentId));

/** The grant, if the actor may use it: a server it cannot see is missing, any other denial is FORBIDDEN with its reason. */
export function usable(grant: Grant): Grant {
  if (grant.denial?.reason === "NOT_VISIBLE") throw notFound("MCP server");
  if (grant.denial) throw forbidden(grant.denial.message);
  return grant;
}
