import type { Actor } from "../access/actor.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import { canonical } from "../shared/canonical-json.js";
import { sha256Hex } from "../shared/digest.js";
import type { ToolCall } from "./tool-call.js";

/** How long after its approval deadline a paused call can still be collected by asking again. */
const COLLECT_WITHIN_MS = 60 * 60_000;

/** Who asked (user and agent), for which tool, with which arguments: the same request, asked again. */
function fingerprintOf(userId: string, agentId: string | null | undefined, qualifiedName: string, args: Record<string, unknown>) {
  return sha256Hex(JSON.stringify([userId, agentId ?? null, qualifiedName, canonical(args)]));
}

/**
 * A client that stopped waiting for a decision (the MCP endpoint answers "pending" after a
 * while) asks the same thing again later: that request finds the paused call instead of
 * asking the user twice, and collects its outcome once it has one, exactly once.
 */
export class RetryPointers {
  constructor(private readonly calls: ToolCallStore) {}

  /** The paused call this same request is waiting on, if any. */
  async find(
    actor: Actor,
    qualifiedName: string,
    args: Record<string, unknown>,
  ): Promise<{ callId: string; release: () => Promise<boolean> } | undefined> {
    const fingerprint = await fingerprintOf(actor.userId, actor.agentId, qualifiedName, args);
    const callId = await this.calls.retryPointer(actor.tenantId, fingerprint);
    return callId ? { callId, release: () => this.calls.releaseRetry(actor.tenantId, fingerprint, callId) } : undefined;
  }

  /** Lets the same request, asked again, find `call`. */
  async hold(call: ToolCall): Promise<void> {
    const fingerprint = await fingerprintOf(call.requestedBy, call.agentId, call.qualifiedName, call.arguments);
    const deadline = Date.parse(call.approvalExpiresAt ?? call.createdAt) + COLLECT_WITHIN_MS;
    await this.calls.holdRetry(call.tenantId, fingerprint, call.id, new Date(deadline).toISOString());
  }
}
