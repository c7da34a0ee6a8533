import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden } from "../shared/errors.js";
import { agentIdSchema } from "../shared/identifiers.js";
import { parseInput } from "../shared/validation.js";
import type { McpServer } from "./server.js";

/**
 * The agent a request acts for: the one its token names. Naming another is refused; naming one
 * without an agent token is for admins only (who manage agents' connections), so a member cannot
 * borrow an agent's access or credentials by typing its id.
 */
export function agentFor(caller: Caller, requested?: string | null): string | undefined {
  const agentId = requested ? parseInput(agentIdSchema, requested, "agentId") : undefined;
  if (caller.agentId && agentId && agentId !== caller.agentId) throw forbidden("This token acts for another agent");
  if (!caller.agentId && agentId && !isAdmin(caller)) throw forbidden("Only an agent's own token, or an admin, may act for an agent");
  return caller.agentId ?? agentId;
}

/** null admits every agent; a list admits its agents only, and no agent is outside every list. */
export const admits = (server: McpServer, agentId: string | undefined) =>
  server.agentAccess === null || (agentId !== undefined && server.agentAccess.includes(agentId));
