import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { OutboundPolicy } from "../adapters/http/address-policy.js";
import type { Resolver } from "../adapters/http/outbound-guard.js";
import type { SafeFetchLimits } from "../adapters/http/fetch-limits.js";
import type { LazyOutbound } from "../adapters/outbound/lazy-outbound.js";
import type { PayloadLimits } from "../domain/calls/payload-limits.js";
import type { OAuthClients } from "../domain/oauth/oauth-clients.js";
import type { OAuthRefresher } from "../domain/oauth/oauth-refresher.js";
import type { ScheduledRuns } from "../domain/jobs/scheduled-runs.js";
import type { OAuthTokenRefresh } from "../domain/oauth/oauth-token-refresh.js";
import type { Authenticate } from "../domain/ports/authenticator.js";
import type { Clock } from "../domain/ports/clock.js";
import type { EventBus } from "../domain/ports/event-bus.js";
import type { Logger } from "../domain/ports/logger.js";
import type { CallMetrics } from "../domain/ports/metrics.js";
import type { SecretCipher } from "../domain/ports/secret-cipher.js";
import type { RotationPolicy } from "../domain/identity/signing-key.js";
import type { SigningKeys } from "../domain/identity/signing-keys.js";
import type { ToolBounds } from "../domain/tools/listed-tool.js";
import type { RefreshReport, ToolRefresher } from "../domain/tools/tool-refresher.js";
import type { ServerChecks } from "../domain/ports/server-checks.js";
import type { Upstream } from "../domain/upstream/upstream-session.js";
import type { McpServices } from "../mcp-endpoint/services.js";
import type { Services } from "../graphql/context.js";
import { createAdapters } from "./compose/adapters.js";
import { createServices } from "./compose/services.js";

/** The parts that differ between the local server, Lambda and tests; everything else is wired here once. */
export interface Infrastructure {
  dynamo: DynamoDBClient;
  tableName: string;
  cipher: SecretCipher;
  authenticate: Authenticate;
  logger: Logger;
  /** Tool-call metrics (EMF on Lambda, JSON lines locally); none when unset. */
  metrics?: CallMetrics;
  outbound: OutboundPolicy;
  /** Tests map names to loopback addresses; everyone else uses DNS. */
  resolver?: Resolver;
  outboundLimits?: Partial<SafeFetchLimits>;
  mcpRequestTimeoutMs?: number;
  /** How large a call's arguments and result may be (MAX_ARGUMENT_BYTES, MAX_ARGUMENT_DEPTH, MAX_RESULT_BYTES); defaults otherwise. */
  payloadLimits?: Partial<PayloadLimits>;
  /** How long past mcpRequestTimeoutMs a call may be RUNNING before it reads FAILED, interrupted (INTERRUPTED_CALL_MARGIN). */
  interruptedCallMarginMs?: number;
  /** Tool-call events; the local server and tests use one in memory. */
  bus?: EventBus;
  approvalTtlMs?: number;
  /** How stale the warm process's copy of a tenant's servers, connections and tools may be (0: read every time). */
  configCacheMs?: number;
  /** How long a listing waits for a live server before showing its tools last seen (LIVE_TOOLS_BUDGET). */
  liveToolsBudgetMs?: number;
  /** How much of each listed tool is kept (TOOL_DESCRIPTION_MAX_BYTES, TOOL_SCHEMA_MAX_BYTES). */
  toolBounds?: ToolBounds;
  oauth?: { redirectUri: string; returnOrigins: readonly string[]; refreshMarginMs?: number };
  /** Where checks of new and changed servers run (AWS: the checking function); unset: in this process. */
  serverChecks?: ServerChecks & { settled(): Promise<void> };
  /** Whether a new or changed server is checked in the background at once (default; tests that count upstream requests turn it off). */
  checkAfterChange?: boolean;
  /** The refresh job: servers at once, and how long one may take before it is marked ERROR. */
  refresh?: { concurrency?: number; perServerTimeoutMs?: number };
  clock?: Clock;
  /** How long a rotated-out embedded chat encryption key keeps decrypting (default 24 h). */
  embeddedKeyGraceMs?: number;
  /** The deployment's public base URL: issuer of identity tokens, home of its JWKS and OAuth client metadata. */
  publicUrl: string;
  /** Semantic search by a cloud model (Amazon Bedrock embeddings), fused with the embedded ranker; unset: embedded only. */
  search?: { modelId: string; dimensions: number; endpoint?: string };
  region: string;
  /** Signed identity tokens: how long each lives, and how the signing keys rotate. */
  identity: { ttlSeconds: number; rotation: RotationPolicy };
  /** The MCP endpoint for agents. */
  mcp: McpSettings;
}

export interface McpSettings {
  /** How long a call needing approval waits before answering "pending" (MCP_APPROVAL_WAIT). */
  approvalWaitMs: number;
  /** The authorization server named in the endpoint's RFC 9728 metadata. */
  authorizationServer?: string;
  /** Host names requests may be addressed to (DNS rebinding protection on loopback). */
  allowedHosts?: readonly string[];
  /** Whether 2025-era GET streams may be held open (a long-lived process, not a buffered Lambda). */
  streams: boolean;
}

/** What the entry points run: the API's services, the jobs, and the outbound side they share. */
export interface Runtime {
  services: Services;
  refresher: ToolRefresher;
  /** The scheduled `refresh-tools` job: tool caches refreshed, and calls abandoned mid-run recorded as interrupted. */
  refreshJob(): Promise<RefreshReport & { interrupted: number }>;
  /** The deployment's authentication, noting the agents tokens act for (use it rather than Infrastructure.authenticate). */
  authenticate: Authenticate;
  /** Checks of new and changed servers; `settled()` waits for those running in this process (shutdown, tests). */
  checks: ServerChecks & { settled(): Promise<void> };
  oauthRefresher: OAuthRefresher;
  /** Runs each scheduled job once per scheduled time, however often the scheduler delivers it. */
  scheduledRuns: ScheduledRuns;
  /** Keeps OAuth connections fresh (the oauth-refresh job and every upstream session use it). */
  oauthTokens: OAuthTokenRefresh;
  /** Sessions with upstream MCP servers, for entry points that proxy them. */
  upstream: Upstream;
  /** The identity-token keys, published at /.well-known/jwks.json. */
  signingKeys: SigningKeys;
  /** The platform as an OAuth client: its metadata document is published at /oauth/client-metadata.json. */
  oauthClients: OAuthClients;
  /** What the MCP endpoint for agents calls. */
  mcpServices: McpServices;
  /** Calls out to MCP servers (loaded on first use); `close()` ends its sessions. */
  connector: LazyOutbound["connector"];
  /** The outbound stack itself, for tests that look inside it. */
  outbound: LazyOutbound;
}

export function createRuntime(infrastructure: Infrastructure): Runtime {
  const { logger } = infrastructure;
  const adapters = createAdapters(
    infrastructure,
    ({ tenantId, serverId }) =>
      // `runtime` is built below; a notification can only arrive after construction.
      void runtime.refresher
        .refreshServer(tenantId, serverId)
        .catch((error: Error) => logger.warn("list_changed refresh failed", { serverId, error: error.message })),
  );
  const runtime = { ...createServices(infrastructure, adapters), connector: adapters.connector, outbound: adapters.outbound };
  return runtime;
}
