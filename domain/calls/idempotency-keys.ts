import type { Actor } from "../access/actor.js";
import type { Clock } from "../ports/clock.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import { canonical } from "../shared/canonical-json.js";
import { sha256Hex } from "../shared/digest.js";
import { conflict } from "../shared/errors.js";
import type { ToolCall } from "./tool-call.js";

/** How long a key names its first call: a retry within it gets that call instead of running the tool again. */
const KEY_WINDOW_MS = 60 * 60_000;
/** How long a retry waits for the call its key names to be recorded (the first request writes it right after its claim). */
const RECORDING_WAIT_MS = 2_000;
const RECHECK_MS = 100;
/** Claims tried before giving up, when the claim that held the key is released or expires between two reads. */
const CLAIM_ATTEMPTS = 3;

export interface KeyedRequest {
  readonly qualifiedName: string;
  readonly arguments: Record<string, unknown>;
  readonly idempotencyKey: string;
}

/**
 * What a claim gives the request that made it: the call its key named before, or the right to
 * run one (and to free the key, should it fail before its call is recorded).
 */
export type KeyClaimOutcome = { readonly earlier: ToolCall } | { readonly abandon: () => Promise<void> };

/**
 * Retries that run once. A client that never heard how its call ended (a dropped connection, a
 * timeout) sends it again with the same key; within the hour, the same user and agent get the
 * call the key named, as it stands now (even still RUNNING), and the tool does not run again.
 * The first request to write the key's claim runs the call (Powertools idempotency's
 * INPROGRESS record: one conditional put); the same key with another tool or arguments is a
 * CONFLICT, and another user's or agent's key is another key.
 */
export class IdempotencyKeys {
  constructor(private readonly deps: { calls: ToolCallStore; clock: Clock }) {}

  /** Claims the request's key for a new call `callId`, or finds the call it named. */
  async claim(actor: Actor, request: KeyedRequest, callId: string): Promise<KeyClaimOutcome> {
    const { calls, clock } = this.deps;
    const key = await sha256Hex(JSON.stringify([actor.userId, actor.agentId ?? null, request.idempotencyKey]));
    const asked = await sha256Hex(JSON.stringify([request.qualifiedName, canonical(request.arguments)]));
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const now = clock.now();
      const until = new Date(now.getTime() + KEY_WINDOW_MS).toISOString();
      if (await calls.claimKey(actor.tenantId, key, { callId, request: asked, until }, now.toISOString()))
        return { abandon: () => this.abandon(actor.tenantId, key, callId) };
      const holder = await calls.keyClaim(actor.tenantId, key, clock.now().toISOString());
      if (!holder) continue;
      if (holder.request !== asked) throw conflict("This idempotency key was used for another tool or other arguments: use a new key");
      return { earlier: await this.recorded(actor.tenantId, holder.callId) };
    }
    throw conflict("This idempotency key is changing hands; ask again");
  }

  /** Frees the key of a request that failed before recording its call; one that recorded it keeps naming it. */
  private async abandon(tenantId: string, key: string, callId: string): Promise<void> {
    if (!(await this.deps.calls.get(tenantId, callId))) await this.deps.calls.releaseKey(tenantId, key, callId);
  }

  /** The call a claim names, once its request recorded it. */
  private async recorded(tenantId: string, callId: string): Promise<ToolCall> {
    for (let waited = 0; ; waited += RECHECK_MS) {
      const call = await this.deps.calls.get(tenantId, callId);
      if (call) return call;
      if (waited >= RECORDING_WAIT_MS) throw conflict("The call this idempotency key names is still starting; ask again shortly");
      await this.deps.clock.sleep(RECHECK_MS);
    }
  }
}
