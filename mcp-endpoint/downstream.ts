import {
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  LOG_LEVEL_META_KEY,
  type Server,
  type ServerContext,
} from "@modelcontextprotocol/server";
import type { Actor } from "../domain/access/actor.js";
import type { UpstreamRelay } from "../domain/ports/mcp-connector.js";
import type { LegacySession } from "./legacy-sessions.js";
import type { RoutedRequests } from "./routed-requests.js";

export type Era = "legacy" | "modern";

/** The client of one request: who it acts as, which protocol era it speaks, and what it can receive. */
export interface Downstream {
  readonly actor: Actor;
  readonly era: Era;
  /** The 2025-era session it initialised (its capabilities), if it kept one. */
  readonly session?: LegacySession;
  /** That session's id, as the client sends it on every request. */
  readonly sessionId?: string;
  readonly routed: RoutedRequests;
  /** How long a question put to the client may wait for its answer. */
  readonly askTimeoutMs: number;
}

/** What the client declared it can do: per request in the 2026 era, at `initialize` (kept in its session id) in 2025. */
export function capabilitiesOf(downstream: Downstream, ctx: ServerContext): ClientCapabilities {
  if (downstream.era === "legacy") return downstream.session?.capabilities ?? {};
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  return envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? {};
}

/** Reports progress on the request, if the client asked for progress (gave a token). */
export function progressOf(ctx: ServerContext): UpstreamRelay["progress"] {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  return (update) =>
    void ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, ...update } }).catch(() => undefined);
}

/**
 * Where a server's progress, log messages and requests for input go while it serves this
 * request: progress to any client that asked for it; log messages to a 2025-era client, or a
 * 2026-era one that set a log level; requests for input to a 2025-era client that declared
 * the capability (a 2026-era client cannot be asked mid-request, so the server is told the
 * capability is absent and does without).
 */
export function relayFor(downstream: Downstream, server: Server, ctx: ServerContext): UpstreamRelay {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const logs = downstream.era === "legacy" || envelope?.[LOG_LEVEL_META_KEY] !== undefined;
  const capabilities = capabilitiesOf(downstream, ctx);
  const canAsk = downstream.era === "legacy" && Object.keys(capabilities).length > 0;
  const progress = progressOf(ctx);
  return {
    ...(progress ? { progress } : {}),
    ...(logs
      ? { log: (message) => void ctx.mcpReq.notify({ method: "notifications/message", params: message }).catch(() => undefined) }
      : {}),
    ...(canAsk
      ? {
          capabilities: capabilities,
          ask: (request) =>
            downstream.routed.ask(server, ctx.mcpReq.id, downstream.actor, request, {
              timeoutMs: downstream.askTimeoutMs,
              signal: ctx.mcpReq.signal,
            }),
        }
      : {}),
  };
}
