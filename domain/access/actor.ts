import type { EmbeddedIdentity } from "../embedded/embedded-chat.js";
import type { McpServer } from "../servers/server.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden } from "../shared/errors.js";
import { agentIdSchema } from "../shared/identifiers.js";
import { parseInput } from "../shared/validation.js";

declare const checked: unique symbol;

/**
 * Who acts on a server: a verified caller and the agent it acts for (`agentId`), after the rules
 * below. Computed once at the edge (a GraphQL resolver, the MCP endpoint, a job) and the only
 * identity the eligibility rule and upstream sessions accept; only this module makes one.
 */
export type Actor = Caller & {
  readonly [checked]: true;
  /** The platform acting for itself (a job): no user's or agent's connection is ever its credential. */
  readonly platform?: true;
};

function actor(caller: Caller, agentId: string | undefined): Actor {
  const { agentId: _claimed, ...identity } = caller;
  return (agentId ? { ...identity, agentId } : identity) as Actor;
}

/**
 * The caller acting for the agent its token names. Naming another is refused; naming one
 * without an agent token is for admins only (who manage agents' connections), so a member
 * cannot borrow an agent's access or credentials by typing its id.
 */
export function actAs(caller: Caller, requestedAgent?: string | null): Actor {
  const agentId = requestedAgent ? parseInput(agentIdSchema, requestedAgent, "agentId") : undefined;
  if (caller.agentId && agentId && agentId !== caller.agentId) throw forbidden("This token acts for another agent");
  if (!caller.agentId && agentId && !isAdmin(caller)) throw forbidden("Only an agent's own token, or an admin, may act for an agent");
  return actor(caller, caller.agentId ?? agentId);
}

/**
 * The actor a stored call was asked by, to run it once its user approves: that user, for the
 * agent recorded when it was asked (checked then), with the embedded chat's token that came
 * with the call (never one that came with the approval).
 */
export function recordedActor(
  approver: Caller,
  call: { tenantId: string; requestedBy: string; agentId: string | null },
  embedded: EmbeddedIdentity | undefined,
): Actor {
  if (approver.tenantId !== call.tenantId || approver.userId !== call.requestedBy) {
    throw forbidden("Only the user a call acts for may approve or reject it");
  }
  const { embedded: _approvers, ...identity } = approver;
  return actor(embedded ? { ...identity, embedded } : identity, call.agentId ?? undefined);
}

/** Who the platform acts as when no one is calling (the refresh job): a private server's owner, else the platform itself. */
export function platformActor(server: McpServer, job: string): Actor {
  if (server.visibility === "PRIVATE" && server.ownerId)
    return actor({ tenantId: server.tenantId, userId: server.ownerId, roles: [] }, undefined);
  // Marked, not just named: a token may well say its subject is "system:refresh-tools".
  return { ...actor({ tenantId: server.tenantId, userId: `system:${job}`, roles: [] }, undefined), platform: true };
}
