import type { AgentDirectory } from "../../domain/agents/agent-directory.js";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import type { Logger } from "../../domain/ports/logger.js";

/**
 * Authentication that notes the agent a token acts for, for the tenant's list of agents (once
 * per agent per process). Noting never fails a request: the list is a convenience, not a control.
 */
export function notingAgents(authenticate: Authenticate, agents: Pick<AgentDirectory, "seen">, logger: Logger): Authenticate {
  return async (authorization) => {
    const caller = await authenticate(authorization);
    if (caller.agentId)
      await agents.seen(caller.tenantId, caller.agentId).catch((error: Error) => logger.warn("agent not noted", { error: error.message }));
    return caller;
  };
}
