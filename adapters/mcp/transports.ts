import {
  extractWWWAuthenticateParams,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
} from "@modelcontextprotocol/client";
import type { McpTarget } from "../../domain/ports/mcp-connector.js";
import type { AuthChallenge } from "../../domain/shared/upstream-error.js";
import type { OutboundGuard } from "../http/outbound-guard.js";
import type { SafeFetch } from "../http/fetch-limits.js";
import { closeOnLostEventStream, closeOnUnansweredStream } from "./unanswered-streams.js";

export interface TransportDeps {
  safeFetch: SafeFetch;
  guard: OutboundGuard;
  timeoutMs: number;
  maxMessageBytes: number;
}

/** A Streamable HTTP endpoint's stream of server messages (its GET): whether it is known to have none, and how a GET was answered. */
export interface ServerStreams {
  absent(): boolean;
  seen(available: boolean): void;
}

/** The SDK client transport for a target, every request of it going through the safe fetch. */
export async function createTransport(
  target: McpTarget,
  deps: TransportDeps,
  onChallenge: (challenge: AuthChallenge) => void = () => undefined,
  streams?: ServerStreams,
): Promise<Transport> {
  const url = new URL(target.url);
  const headers = { ...target.headers };
  // The SDK keeps no WWW-Authenticate of a refusal; this fetch notes it (a 403's insufficient_scope drives step-up).
  const fetch: SafeFetch = async (input, init) => {
    const response = await deps.safeFetch(input, init);
    if (response.status === 401 || response.status === 403) {
      const { error, scope } = extractWWWAuthenticateParams(response);
      onChallenge({ ...(error ? { error } : {}), ...(scope ? { scope } : {}) });
    }
    return response;
  };
  switch (target.transport) {
    case "STREAMABLE_HTTP":
      return closeOnUnansweredStream(
        new StreamableHTTPClientTransport(url, { fetch: withStreamMemory(fetch, streams), requestInit: { headers } }),
      );
    case "SSE":
      return closeOnLostEventStream(new SSEClientTransport(url, { fetch, requestInit: { headers } }));
    case "WEBSOCKET": {
      const { GuardedWebSocketTransport } = await import("./websocket-transport.js");
      if (url.protocol === "http:") url.protocol = "ws:";
      if (url.protocol === "https:") url.protocol = "wss:";
      return new GuardedWebSocketTransport(url, headers, deps.guard, { timeoutMs: deps.timeoutMs, maxMessageBytes: deps.maxMessageBytes });
    }
  }
}

/**
 * A Streamable HTTP fetch that answers the GET for the server's stream itself when the server is
 * known to have none (the SDK reads that 405 as "no stream", as it would the server's), and notes
 * how the server answered otherwise.
 */
function withStreamMemory(fetch: SafeFetch, streams: ServerStreams | undefined): SafeFetch {
  if (!streams) return fetch;
  return async (input, init) => {
    if ((init?.method ?? "GET") !== "GET") return fetch(input, init);
    if (streams.absent()) return new Response(null, { status: 405 });
    const response = await fetch(input, init);
    if (response.ok || response.status === 405) streams.seen(response.ok);
    return response;
  };
}
