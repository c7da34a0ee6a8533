import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { McpTarget } from "../../domain/ports/mcp-connector.js";
import type { OutboundGuard } from "../http/outbound-guard.js";
import type { SafeFetch } from "../http/safe-fetch.js";

export interface TransportDeps {
  safeFetch: SafeFetch;
  guard: OutboundGuard;
  timeoutMs: number;
  maxMessageBytes: number;
}

/** The SDK client transport for a target, every request of it going through the safe fetch. */
export async function createTransport(target: McpTarget, deps: TransportDeps): Promise<Transport> {
  const url = new URL(target.url);
  const headers = { ...target.headers };
  switch (target.transport) {
    case "STREAMABLE_HTTP":
      return new StreamableHTTPClientTransport(url, { fetch: deps.safeFetch, requestInit: { headers } });
    case "SSE":
      return new SSEClientTransport(url, { fetch: deps.safeFetch, requestInit: { headers } });
    case "WEBSOCKET": {
      const { GuardedWebSocketTransport } = await import("./websocket-transport.js");
      if (url.protocol === "http:") url.protocol = "ws:";
      if (url.protocol === "https:") url.protocol = "wss:";
      return new GuardedWebSocketTransport(url, headers, deps.guard, { timeoutMs: deps.timeoutMs, maxMessageBytes: deps.maxMessageBytes });
    }
  }
}
