import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoConnectionStore } from "../../adapters/dynamo/connection-store.js";
import { DynamoCallCounterStore } from "../../adapters/dynamo/call-counter-store.js";
import { DynamoAgentStore } from "../../adapters/dynamo/agent-store.js";
import { DynamoOAuthStore } from "../../adapters/dynamo/oauth-store.js";
import { DynamoServerStore } from "../../adapters/dynamo/server-store.js";
import { DynamoToolCallStore } from "../../adapters/dynamo/tool-call-store.js";
import { DynamoToolStore } from "../../adapters/dynamo/tool-store.js";
import { DynamoReplyBox } from "../../adapters/dynamo/reply-box.js";
import { systemClock } from "../../domain/ports/clock.js";
import { InMemoryEventBus } from "../../adapters/events/in-memory-bus.js";
import { DynamoEmbeddedChatStore } from "../../adapters/dynamo/embedded-chat-store.js";
import { DynamoSigningKeyStore } from "../../adapters/dynamo/signing-key-store.js";
import { DynamoJobRunStore } from "../../adapters/dynamo/job-run-store.js";
import { JoseKit } from "../../adapters/jose/jose-kit.js";
import { BedrockEmbedder } from "../../adapters/search/bedrock-embedder.js";
import { EmbeddedToolIndex } from "../../adapters/search/embedded-tool-index.js";
import { FusedToolIndex } from "../../adapters/search/fused-tool-index.js";
import type { TextEmbedder, ToolIndex } from "../../domain/ports/tool-index.js";
import { OutboundGuard } from "../../adapters/http/outbound-guard.js";
import { DEFAULT_LIMITS, type SafeFetchLimits } from "../../adapters/http/fetch-limits.js";
import { payloadLimitsOf } from "../../domain/calls/payload-limits.js";
import { urlPolicyOf } from "../../adapters/http/url-policy.js";
import { LazyOutbound } from "../../adapters/outbound/lazy-outbound.js";
import { DynamoConnectorStore } from "../../adapters/dynamo/connector-store.js";
import { DynamoRateLimiter } from "../../adapters/dynamo/rate-limiter.js";
import { cachedConnectionStore, cachedServerStore, cachedToolStore } from "../../adapters/cache/cached-stores.js";
import { TenantConfigCache } from "../../adapters/cache/tenant-config-cache.js";
import { DynamoConfigVersions } from "../../adapters/dynamo/config-versions.js";
import { createArgumentValidator } from "../../adapters/validation/json-schema-validator.js";
import type { McpTarget } from "../../domain/ports/mcp-connector.js";
import type { Infrastructure } from "../composition-root.js";

/** Every adapter the domain is given, built once from the infrastructure. */
export function createAdapters(infrastructure: Infrastructure, onToolsChanged: (target: Pick<McpTarget, "tenantId" | "serverId">) => void) {
  const { dynamo, tableName } = infrastructure;
  const db = documentClient(dynamo);
  const guard = new OutboundGuard(infrastructure.outbound, infrastructure.resolver);
  const clock = infrastructure.clock ?? systemClock;
  const connectorStore = new DynamoConnectorStore(db, tableName);
  const outbound = new LazyOutbound({
    guard,
    limits: outboundLimitsOf(infrastructure),
    requestTimeoutMs: infrastructure.mcpRequestTimeoutMs ?? 30_000,
    rateLimiter: new DynamoRateLimiter(db, tableName, clock),
    descriptorOf: async (tenantId, connectorId, revision) => {
      const stored = await connectorStore.get(tenantId, connectorId);
      return stored && stored.revision >= revision ? stored.descriptor : undefined;
    },
    onToolsChanged,
  });
  const cache = new TenantConfigCache(new DynamoConfigVersions(db, tableName), clock, {
    stalenessMs: infrastructure.configCacheMs ?? 0,
    maxAgeMs: 60_000,
    maxTenants: 1000,
    maxEntriesPerTenant: 2000,
  });
  return {
    serverStore: cachedServerStore(new DynamoServerStore(db, tableName), cache),
    connectionStore: cachedConnectionStore(new DynamoConnectionStore(db, tableName), cache),
    toolStore: cachedToolStore(new DynamoToolStore(db, tableName), cache),
    oauthStore: new DynamoOAuthStore(db, tableName),
    agentStore: new DynamoAgentStore(db, tableName),
    callCounters: new DynamoCallCounterStore(db, tableName),
    callStore: new DynamoToolCallStore(db, tableName),
    embeddedChatStore: new DynamoEmbeddedChatStore(db, tableName),
    signingKeyStore: new DynamoSigningKeyStore(db, tableName),
    jobRunStore: new DynamoJobRunStore(db, tableName),
    jose: new JoseKit(),
    ...searchAdapters(infrastructure),
    urlPolicy: urlPolicyOf(guard),
    connectorStore,
    outbound,
    connector: outbound.connector,
    protocol: outbound.protocol,
    validateArguments: createArgumentValidator(),
    bus: infrastructure.bus ?? new InMemoryEventBus(),
    replies: new DynamoReplyBox(db, tableName, clock),
  };
}

export type Adapters = ReturnType<typeof createAdapters>;

/** Room for a JSON-RPC envelope (or event-stream framing) around a tool result. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * The outbound size caps, raised where they would be lower than MAX_RESULT_BYTES: a tool result
 * within that limit must arrive, and one past it is judged by it (a FAILED call saying so).
 */
function outboundLimitsOf({ outboundLimits = {}, payloadLimits }: Infrastructure): Partial<SafeFetchLimits> {
  const resultResponse = payloadLimitsOf(payloadLimits).maxResultBytes + ENVELOPE_BYTES;
  return {
    ...outboundLimits,
    maxResponseBytes: Math.max(outboundLimits.maxResponseBytes ?? DEFAULT_LIMITS.maxResponseBytes, resultResponse),
    maxStreamBytes: Math.max(outboundLimits.maxStreamBytes ?? DEFAULT_LIMITS.maxStreamBytes, resultResponse),
  };
}

/** The tool index: embedded, fused with a cloud embedding model when one is configured (whose embedder also gives tools their vectors). */
function searchAdapters({ search, logger, region }: Infrastructure): { toolIndex: ToolIndex; embedder?: TextEmbedder } {
  if (!search) return { toolIndex: new EmbeddedToolIndex() };
  const embedder = new BedrockEmbedder({ region, ...search });
  return { toolIndex: new FusedToolIndex(new EmbeddedToolIndex(), embedder, logger), embedder };
}
