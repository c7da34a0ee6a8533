import { OutboundGuard } from "../../../adapters/http/outbound-guard.js";
import { createSafeFetch } from "../../../adapters/http/safe-fetch.js";
import { type ClientPoolOptions, McpClientPool } from "../../../adapters/mcp/client-pool.js";

/** A client pool as the local server builds it (loopback allowed), with optional overrides. */
export function loopbackPool(options: Partial<ClientPoolOptions> = {}, limits: { timeoutMs?: number } = {}) {
  const guard = new OutboundGuard({ allowLoopback: true, allowCidrs: [] });
  const timeoutMs = limits.timeoutMs ?? 10_000;
  return new McpClientPool({
    transport: { safeFetch: createSafeFetch(guard, { timeoutMs }), guard, timeoutMs, maxMessageBytes: 4 * 1024 * 1024 },
    ...options,
  });
}
