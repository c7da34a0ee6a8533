import type { ToolMetrics } from "../domain/calls/tool-metrics.js";
import type { CallHistory } from "../domain/calls/call-history.js";
import type { AgentDirectory } from "../domain/agents/agent-directory.js";
import type { Actor } from "../domain/access/actor.js";
import type { Grants } from "../domain/access/grants.js";
import type { ToolCallEvents } from "../domain/calls/tool-call-events.js";
import type { ConnectorRegistry } from "../domain/connectors/connector-registry.js";
import type { ApprovalDecisions } from "../domain/calls/approval-decisions.js";
import type { ToolCallService } from "../domain/calls/tool-call-service.js";
import type { ConnectionService } from "../domain/connections/connection-service.js";
import type { EmbeddedChats } from "../domain/embedded/embedded-chats.js";
import type { EmbeddedTokens } from "../domain/embedded/embedded-tokens.js";
import type { IntegrationCatalog } from "../domain/integrations/integration-catalog.js";
import type { ServerJsonRegistry } from "../domain/integrations/server-json-registry.js";
import type { OAuthAuthorization } from "../domain/oauth/oauth-authorization.js";
import type { Logger } from "../domain/ports/logger.js";
import type { ServerRegistry } from "../domain/servers/server-registry.js";
import type { Caller } from "../domain/shared/caller.js";
import type { AgentCatalog } from "../domain/tools/agent-catalog.js";
import type { ServerHealth } from "../domain/tools/server-health.js";
import type { ToolCuration } from "../domain/tools/tool-curation.js";
import type { ToolListing } from "../domain/tools/tool-listing.js";

/** The domain services resolvers call; built once per process by the composition root. */
export interface Services {
  servers: ServerRegistry;
  toolMetrics: ToolMetrics;
  callHistory: CallHistory;
  agents: AgentDirectory;
  connections: ConnectionService;
  grants: Grants;
  toolListing: ToolListing;
  serverHealth: ServerHealth;
  toolCuration: ToolCuration;
  catalog: AgentCatalog;
  toolCalls: ToolCallService;
  approvals: ApprovalDecisions;
  connectors: ConnectorRegistry;
  toolCallEvents: ToolCallEvents;
  oauth: OAuthAuthorization;
  embeddedChats: EmbeddedChats;
  embeddedTokens: EmbeddedTokens;
  integrations: IntegrationCatalog;
  serverJson: ServerJsonRegistry;
}

export interface GraphQLContext {
  caller: Caller;
  /** The caller acting for the agent of its token; fields that take an `agentId` compute their own with `actAs`. */
  actor: Actor;
  services: Services;
  requestId: string;
  logger: Logger;
  /** Aborts when the client goes away: ends its subscriptions. */
  signal?: AbortSignal;
}
