import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { documentClient } from "../adapters/dynamo/client.js";
import { DynamoConnectionStore } from "../adapters/dynamo/connection-store.js";
import { DynamoServerStore } from "../adapters/dynamo/server-store.js";
import { DynamoToolStore } from "../adapters/dynamo/tool-store.js";
import type { OutboundPolicy } from "../adapters/http/address-policy.js";
import { OutboundGuard, type Resolver } from "../adapters/http/outbound-guard.js";
import { createSafeFetch, type SafeFetchLimits } from "../adapters/http/safe-fetch.js";
import { urlPolicyOf } from "../adapters/http/url-policy.js";
import { McpClientPool } from "../adapters/mcp/client-pool.js";
import { DynamoToolCallStore } from "../adapters/dynamo/tool-call-store.js";
import { InMemoryEventBus } from "../adapters/events/in-memory-bus.js";
import { createArgumentValidator } from "../adapters/validation/json-schema-validator.js";
import { ToolCallEvents } from "../domain/calls/tool-call-events.js";
import { ToolCallService } from "../domain/calls/tool-call-service.js";
import { ToolLocator } from "../domain/calls/tool-locator.js";
import { ConnectionService } from "../domain/connections/connection-service.js";
import type { EventBus } from "../domain/ports/event-bus.js";
import { DynamoOAuthStore } from "../adapters/dynamo/oauth-store.js";
import { SdkOAuthProtocol } from "../adapters/oauth/sdk-oauth-protocol.js";
import { connectorStatuses } from "../domain/oauth/connector-status.js";
import { OAuthRefresher } from "../domain/oauth/oauth-refresher.js";
import { OAuthAuthorization } from "../domain/oauth/oauth-authorization.js";
import { OAuthClients } from "../domain/oauth/oauth-clients.js";
import { OAuthTokenRefresh } from "../domain/oauth/oauth-token-refresh.js";
import { Secrets } from "../domain/secrets/secrets.js";
import type { Caller } from "../domain/shared/caller.js";
import { HeaderRenderer } from "../domain/connections/render-headers.js";
import type { Authenticate } from "../domain/ports/authenticator.js";
import { type Clock, systemClock } from "../domain/ports/clock.js";
import type { Logger } from "../domain/ports/logger.js";
import type { SecretCipher } from "../domain/ports/secret-cipher.js";
import { ServerRegistry } from "../domain/servers/server-registry.js";
import { AgentCatalog } from "../domain/tools/agent-catalog.js";
import { ServerTools } from "../domain/tools/server-tools.js";
import { ToolRefresher } from "../domain/tools/tool-refresher.js";
import type { Services } from "../graphql/context.js";
import { createGraphQLServer } from "../graphql/yoga.js";

/** The parts that differ between the local server, Lambda and tests; everything else is wired here once. */
export interface Infrastructure {
  dynamo: DynamoDBClient;
  tableName: string;
  cipher: SecretCipher;
  authenticate: Authenticate;
  logger: Logger;
  outbound: OutboundPolicy;
  /** Tests map names to loopback addresses; everyone else uses DNS. */
  resolver?: Resolver;
  outboundLimits?: Partial<SafeFetchLimits>;
  mcpRequestTimeoutMs?: number;
  /** Tool-call events; the local server and tests use one in memory. */
  bus?: EventBus;
  approvalTtlMs?: number;
  oauth?: { redirectUri: string; returnOrigins: readonly string[]; refreshMarginMs?: number };
  /** The refresh job: servers at once, and how long one may take before it is marked ERROR. */
  refresh?: { concurrency?: number; perServerTimeoutMs?: number };
  clock?: Clock;
}

export interface ApiOptions {
  graphiql: boolean;
  renderGraphiQL?: (options?: object) => string;
  introspection: boolean;
  maxBodyBytes: number;
}

export interface Runtime {
  services: Services;
  refresher: ToolRefresher;
  oauthRefresher: OAuthRefresher;
  /** Keeps OAuth connections fresh (the job above uses it; tests race it). */
  oauthTokens: OAuthTokenRefresh;
  connector: McpClientPool;
}

export function createRuntime(infrastructure: Infrastructure): Runtime {
  const { dynamo, tableName, cipher, logger, clock = systemClock } = infrastructure;
  const db = documentClient(dynamo);
  const serverStore = new DynamoServerStore(db, tableName);
  const connectionStore = new DynamoConnectionStore(db, tableName);
  const toolStore = new DynamoToolStore(db, tableName);

  const guard = new OutboundGuard(infrastructure.outbound, infrastructure.resolver);
  const limits = infrastructure.outboundLimits ?? {};
  const safeFetch = createSafeFetch(guard, limits);
  const connector = new McpClientPool({
    transport: { safeFetch, guard, timeoutMs: limits.timeoutMs ?? 15_000, maxMessageBytes: limits.maxResponseBytes ?? 5 * 1024 * 1024 },
    requestTimeoutMs: infrastructure.mcpRequestTimeoutMs ?? 30_000,
    onToolsChanged: ({ tenantId, serverId }) =>
      // `refresher` is built below; a notification can only arrive after construction.
      void refresher
        .refreshServer(tenantId, serverId)
        .catch((error: Error) => logger.warn("list_changed refresh failed", { serverId, error: error.message })),
  });

  const oauthStore = new DynamoOAuthStore(db, tableName);
  const secrets = new Secrets(cipher);
  const servers = new ServerRegistry({
    store: serverStore,
    dependents: [connectionStore, toolStore, oauthStore],
    urlPolicy: urlPolicyOf(guard),
    secrets,
    clock,
  });
  const connections = new ConnectionService({ store: connectionStore, servers, secrets, clock });
  const headers = new HeaderRenderer(secrets);
  // Without a redirect URI this process can finish and refresh authorizations but not start them (startOAuth fails closed).
  const { redirectUri, ...oauthConfig } = infrastructure.oauth ?? { redirectUri: "", returnOrigins: [] };
  const protocol = new SdkOAuthProtocol(safeFetch);
  const clients = new OAuthClients({ oauthStore, protocol, secrets, clock, redirectUri });
  const oauth = new OAuthAuthorization({
    servers,
    serverStore,
    connectionStore,
    oauthStore,
    protocol,
    clients,
    secrets,
    clock,
    returnOrigins: oauthConfig.returnOrigins,
  });
  const tokens = new OAuthTokenRefresh({
    connectionStore,
    protocol,
    clients,
    secrets,
    clock,
    ...(oauthConfig.refreshMarginMs ? { refreshMarginMs: oauthConfig.refreshMarginMs } : {}),
  });
  const oauthRefresher = new OAuthRefresher({ connectionStore, serverStore, tokens, clock, logger });
  const serverTools = new ServerTools({ servers, serverStore, toolStore, connections, headers, connector, clock, oauth: tokens });
  const catalog = new AgentCatalog({ serverStore, connections, toolStore, serverTools, logger });
  const refresher = new ToolRefresher({ serverStore, serverTools, clock, logger, ...infrastructure.refresh });
  const bus = infrastructure.bus ?? new InMemoryEventBus();
  const toolCalls = new ToolCallService({
    calls: new DynamoToolCallStore(db, tableName),
    bus,
    locator: new ToolLocator({ serverStore, toolStore, connections, serverTools }),
    serverTools,
    connector,
    validateArguments: createArgumentValidator(),
    clock,
    approvalTtlMs: infrastructure.approvalTtlMs ?? 10 * 60_000,
    callTimeoutMs: infrastructure.mcpRequestTimeoutMs ?? 30_000,
  });
  const toolCallEvents = new ToolCallEvents(bus, toolCalls);
  const statuses = (caller: Caller, agentId?: string | null) => connectorStatuses({ serverStore, connections }, caller, agentId);
  return {
    services: { servers, connections, headers, serverTools, catalog, toolCalls, toolCallEvents, oauth, connectorStatuses: statuses },
    refresher,
    oauthRefresher,
    oauthTokens: tokens,
    connector,
  };
}

export function createApi(infrastructure: Infrastructure, options: ApiOptions) {
  const runtime = createRuntime(infrastructure);
  const yoga = createGraphQLServer({
    ...options,
    services: runtime.services,
    authenticate: infrastructure.authenticate,
    logger: infrastructure.logger,
  });
  return { ...runtime, yoga };
}
