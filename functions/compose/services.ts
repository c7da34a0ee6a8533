import { Grants } from "../../domain/access/grants.js";
import { IdentityTokens } from "../../domain/identity/identity-tokens.js";
import { SigningKeys } from "../../domain/identity/signing-keys.js";
import { EmbeddedChats } from "../../domain/embedded/embedded-chats.js";
import { EmbeddedTokens } from "../../domain/embedded/embedded-tokens.js";
import { ToolCallEvents } from "../../domain/calls/tool-call-events.js";
import { ToolCallService } from "../../domain/calls/tool-call-service.js";
import { ApprovalDecisions } from "../../domain/calls/approval-decisions.js";
import { CallLifecycle } from "../../domain/calls/call-lifecycle.js";
import { payloadLimitsOf } from "../../domain/calls/payload-limits.js";
import { InterruptedCalls } from "../../domain/calls/interrupted-calls.js";
import { IdempotencyKeys } from "../../domain/calls/idempotency-keys.js";
import { RetryPointers } from "../../domain/calls/retry-pointers.js";
import { ToolLocator } from "../../domain/calls/tool-locator.js";
import { ConnectionService } from "../../domain/connections/connection-service.js";
import { OAuthAuthorization } from "../../domain/oauth/oauth-authorization.js";
import { OAuthClients } from "../../domain/oauth/oauth-clients.js";
import { OAuthRefresher } from "../../domain/oauth/oauth-refresher.js";
import { ScheduledRuns } from "../../domain/jobs/scheduled-runs.js";
import { OAuthTokenRefresh } from "../../domain/oauth/oauth-token-refresh.js";
import { type Clock, systemClock } from "../../domain/ports/clock.js";
import { Secrets } from "../../domain/secrets/secrets.js";
import { ServerRegistry } from "../../domain/servers/server-registry.js";
import { AgentDirectory } from "../../domain/agents/agent-directory.js";
import { CallHistory } from "../../domain/calls/call-history.js";
import { ToolMetrics } from "../../domain/calls/tool-metrics.js";
import { allOf } from "../../domain/ports/metrics.js";
import { AgentCatalog } from "../../domain/tools/agent-catalog.js";
import { ServerHealth } from "../../domain/tools/server-health.js";
import { InProcessServerChecks } from "../../domain/tools/in-process-checks.js";
import type { ServerChecks } from "../../domain/ports/server-checks.js";
import { IntegrationCatalog } from "../../domain/integrations/integration-catalog.js";
import { REMOTE_MCP_SERVERS } from "../../domain/integrations/catalog/remote-mcp-servers.js";
import { ServerJsonRegistry } from "../../domain/integrations/server-json-registry.js";
import { ConnectorRegistry } from "../../domain/connectors/connector-registry.js";
import { CatalogChanges } from "../../domain/tools/catalog-changes.js";
import { ToolCuration } from "../../domain/tools/tool-curation.js";
import { ToolListing } from "../../domain/tools/tool-listing.js";
import { ToolRefresher } from "../../domain/tools/tool-refresher.js";
import { HeaderRenderer } from "../../domain/upstream/render-headers.js";
import { Upstream } from "../../domain/upstream/upstream-session.js";
import type { Infrastructure } from "../composition-root.js";
import { PUBLIC_PATHS } from "../http/public-paths.js";
import type { Adapters } from "./adapters.js";
import { createMcpServices } from "./mcp-services.js";
import { notingAgents } from "./noting-agents.js";

/** The domain services, wired from the adapters: each built once, each given exactly what it uses. */
export function createServices(infrastructure: Infrastructure, adapters: Adapters) {
  const { logger, cipher } = infrastructure;
  const clock: Clock = infrastructure.clock ?? systemClock;
  const { serverStore, connectionStore, toolStore, oauthStore, protocol } = adapters;
  const toolMetrics = new ToolMetrics({ counters: adapters.callCounters, serverStore, logger, now: () => clock.now() });
  const metrics = allOf([infrastructure.metrics, toolMetrics]);
  const secrets = new Secrets(cipher);
  const changes = new CatalogChanges(adapters.bus);
  // A new or changed server is checked right away, as the platform (its owner, if private), by no one's request.
  const checks: ServerChecks & { settled(): Promise<void> } =
    infrastructure.serverChecks ??
    new InProcessServerChecks((server): Promise<boolean | undefined> => serverHealth.checkStored(server.tenantId, server.id), logger);
  const servers = new ServerRegistry({
    store: serverStore,
    dependents: [connectionStore, toolStore, oauthStore],
    urlPolicy: adapters.urlPolicy,
    secrets,
    clock,
    changes,
    ...(infrastructure.checkAfterChange === false ? {} : { checks }),
  });
  const agents = new AgentDirectory({ store: adapters.agentStore, serverStore, clock });
  const connections = new ConnectionService({ store: connectionStore, servers, secrets, clock, upstream: adapters.connector, agents });
  const grants = new Grants({ serverStore, connectionStore });

  // Without a redirect URI this process can finish and refresh authorizations but not start them (startOAuth fails closed).
  const { redirectUri, returnOrigins, refreshMarginMs } = infrastructure.oauth ?? { redirectUri: "", returnOrigins: [] };
  const metadataDocumentUrl = `${infrastructure.publicUrl}${PUBLIC_PATHS.clientMetadata}`;
  const clients = new OAuthClients({ oauthStore, protocol, secrets, clock, redirectUri, metadataDocumentUrl });
  const oauth = new OAuthAuthorization({
    servers,
    connectionStore,
    oauthStore,
    protocol,
    clients,
    secrets,
    clock,
    returnOrigins,
  });
  const oauthTokens = new OAuthTokenRefresh({
    connectionStore,
    protocol,
    clients,
    secrets,
    clock,
    ...(refreshMarginMs ? { refreshMarginMs } : {}),
  });

  const signingKeys = new SigningKeys({
    store: adapters.signingKeyStore,
    jose: adapters.jose,
    secrets,
    clock,
    policy: infrastructure.identity.rotation,
  });
  const identity = new IdentityTokens({
    keys: signingKeys,
    jose: adapters.jose,
    clock,
    issuer: infrastructure.publicUrl,
    ttlSeconds: infrastructure.identity.ttlSeconds,
  });
  const upstream = new Upstream({
    headers: new HeaderRenderer(secrets),
    secrets,
    tokens: oauthTokens,
    identity,
    connector: adapters.connector,
  });
  const toolListing = new ToolListing({
    toolStore,
    states: serverStore,
    ...(infrastructure.liveToolsBudgetMs ? { liveBudgetMs: infrastructure.liveToolsBudgetMs } : {}),
    ...(infrastructure.toolBounds ? { bounds: infrastructure.toolBounds } : {}),
    grants,
    upstream,
    clock,
    logger,
    changes,
    ...(adapters.embedder ? { embedder: adapters.embedder } : {}),
  });
  const serverHealth: ServerHealth = new ServerHealth({ servers, serverStore, toolStore, grants, listing: toolListing, upstream, clock });
  const locator = new ToolLocator({ serverStore, toolStore, grants, listing: toolListing });
  const limits = payloadLimitsOf(infrastructure.payloadLimits);
  const lifecycle = new CallLifecycle({
    calls: adapters.callStore,
    bus: adapters.bus,
    upstream,
    clock,
    callTimeoutMs: infrastructure.mcpRequestTimeoutMs ?? 30_000,
    limits,
    interruptedMarginMs: infrastructure.interruptedCallMarginMs,
    metrics,
  });
  const toolCalls = new ToolCallService({
    calls: adapters.callStore,
    bus: adapters.bus,
    locator,
    lifecycle,
    retries: new RetryPointers(adapters.callStore),
    keys: new IdempotencyKeys({ calls: adapters.callStore, clock }),
    secrets,
    validateArguments: adapters.validateArguments,
    approvalTtlMs: infrastructure.approvalTtlMs ?? 10 * 60_000,
    limits,
    metrics,
  });
  const approvals = new ApprovalDecisions({ calls: adapters.callStore, locator, lifecycle, secrets, metrics });
  const embedded = {
    store: adapters.embeddedChatStore,
    jose: adapters.jose,
    secrets,
    clock,
    keyGraceMs: infrastructure.embeddedKeyGraceMs ?? 24 * 3600_000,
  };
  const connectors = new ConnectorRegistry({
    store: adapters.connectorStore,
    serverStore,
    servers,
    urlPolicy: adapters.urlPolicy,
    clock,
    changes,
    upstream: adapters.connector,
  });
  const refresher = new ToolRefresher({ serverStore, grants, toolStore, health: serverHealth, clock, logger, ...infrastructure.refresh });
  const interruptedCalls = new InterruptedCalls({ calls: adapters.callStore, lifecycle, logger });
  const catalog = new AgentCatalog({ grants, toolStore, listing: toolListing, index: adapters.toolIndex, logger });
  const embeddedTokens = new EmbeddedTokens(embedded);
  return {
    services: {
      servers,
      toolMetrics,
      callHistory: new CallHistory({ store: adapters.callStore, lifecycle }),
      agents,
      connections,
      grants,
      toolListing,
      serverHealth,
      toolCuration: new ToolCuration({ servers, toolStore, changes }),
      catalog,
      toolCalls,
      approvals,
      connectors,
      toolCallEvents: new ToolCallEvents(adapters.bus, toolCalls),
      oauth,
      embeddedChats: new EmbeddedChats(embedded),
      embeddedTokens,
      integrations: new IntegrationCatalog({ entries: REMOTE_MCP_SERVERS, servers, serverStore }),
      serverJson: new ServerJsonRegistry(servers),
    },
    upstream,
    mcpServices: createMcpServices(adapters, {
      catalog,
      toolCalls,
      approvals,
      lifecycle,
      grants,
      upstream,
      toolListing,
      signingKeys,
      clock,
      changes,
      embeddedTokens,
      publicUrl: infrastructure.publicUrl,
    }),
    oauthTokens,
    oauthClients: clients,
    signingKeys,
    checks,
    authenticate: notingAgents(infrastructure.authenticate, agents, logger),
    refresher,
    refreshJob: async () => {
      const [tools, calls] = await Promise.all([refresher.refreshAll(), interruptedCalls.sweep()]);
      return { ...tools, ...calls };
    },
    oauthRefresher: new OAuthRefresher({ connectionStore, serverStore, tokens: oauthTokens, clock, logger }),
    scheduledRuns: new ScheduledRuns({ store: adapters.jobRunStore, clock, logger, leaseMs: JOB_LEASE_MS }),
  };
}

/** The jobs' function timeout (5 minutes in sst.config.ts) and a minute more: a claim older than this is a dead run's. */
const JOB_LEASE_MS = 6 * 60_000;
