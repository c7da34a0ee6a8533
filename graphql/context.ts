import type { ToolCallEvents } from "../domain/calls/tool-call-events.js";
import type { ToolCallService } from "../domain/calls/tool-call-service.js";
import type { ConnectionService } from "../domain/connections/connection-service.js";
import type { ConnectorStatus } from "../domain/oauth/connector-status.js";
import type { OAuthAuthorization } from "../domain/oauth/oauth-authorization.js";
import type { HeaderRenderer } from "../domain/connections/render-headers.js";
import type { Logger } from "../domain/ports/logger.js";
import type { ServerRegistry } from "../domain/servers/server-registry.js";
import type { Caller } from "../domain/shared/caller.js";
import type { AgentCatalog } from "../domain/tools/agent-catalog.js";
import type { ServerTools } from "../domain/tools/server-tools.js";

/** The domain services resolvers call; built once per process by the composition root. */
export interface Services {
  servers: ServerRegistry;
  connections: ConnectionService;
  headers: HeaderRenderer;
  serverTools: ServerTools;
  catalog: AgentCatalog;
  toolCalls: ToolCallService;
  toolCallEvents: ToolCallEvents;
  oauth: OAuthAuthorization;
  connectorStatuses: (caller: Caller, agentId?: string | null) => Promise<ConnectorStatus[]>;
}

export interface GraphQLContext {
  caller: Caller;
  services: Services;
  requestId: string;
  logger: Logger;
  /** Aborts when the client goes away: ends its subscriptions. */
  signal?: AbortSignal;
}
