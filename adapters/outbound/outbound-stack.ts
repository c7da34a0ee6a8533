import { GeneratedServers, type GeneratedServersDeps } from "../connectors/generated-servers.js";
import type { OutboundGuard } from "../http/outbound-guard.js";
import type { SafeFetchLimits } from "../http/fetch-limits.js";
import { createSafeFetch } from "../http/safe-fetch.js";
import { McpClientPool } from "../mcp/client-pool.js";
import { RoutingConnector } from "../mcp/routing-connector.js";
import { SdkOAuthProtocol } from "../oauth/sdk-oauth-protocol.js";
import type { McpTarget } from "../../domain/ports/mcp-connector.js";
import type { RateLimiter } from "../../domain/ports/rate-limiter.js";

export interface OutboundOptions {
  guard: OutboundGuard;
  limits: Partial<SafeFetchLimits>;
  requestTimeoutMs: number;
  rateLimiter: RateLimiter;
  descriptorOf: GeneratedServersDeps["descriptorOf"];
  onToolsChanged: (target: Pick<McpTarget, "tenantId" | "serverId">) => void;
}

/**
 * Everything that speaks to the outside: the SSRF-safe fetch, MCP clients for remote servers,
 * servers generated from connector descriptors, and the OAuth protocol. Loaded on first use
 * (lazy-outbound.ts): most of a function's code by size, and many requests need none of it.
 */
export function createOutboundStack(options: OutboundOptions) {
  const { guard, limits } = options;
  const safeFetch = createSafeFetch(guard, limits);
  const remote = new McpClientPool({
    transport: { safeFetch, guard, timeoutMs: limits.timeoutMs ?? 15_000, maxMessageBytes: limits.maxResponseBytes ?? 5 * 1024 * 1024 },
    requestTimeoutMs: options.requestTimeoutMs,
    onToolsChanged: options.onToolsChanged,
  });
  const generated = new GeneratedServers({ safeFetch, rateLimiter: options.rateLimiter, descriptorOf: options.descriptorOf });
  return { connector: new RoutingConnector(remote, generated), protocol: new SdkOAuthProtocol(safeFetch) };
}

export type OutboundStack = ReturnType<typeof createOutboundStack>;
