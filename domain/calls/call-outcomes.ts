import type { Clock } from "../ports/clock.js";
import { type EventBus, topics } from "../ports/event-bus.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import type { CallLifecycle } from "./call-lifecycle.js";
import { isSettled, type ToolCall } from "./tool-call.js";

export interface CallOutcomesDeps {
  calls: ToolCallStore;
  bus: EventBus;
  lifecycle: CallLifecycle;
  clock: Clock;
  /** How often a waiter reads the call again, for decisions made in another process (another Lambda). */
  recheckMs?: number;
}

export interface WaitOptions {
  waitMs: number;
  signal?: AbortSignal;
  /** Called at each recheck while the call still waits (the MCP endpoint sends progress). */
  onTick?: (elapsedMs: number) => Promise<void> | void;
}

/**
 * Waiting for a call's outcome while its user decides. The call's own events wake a waiter at
 * once when the decision is made in this process; a consistent read every `recheckMs` finds
 * one made anywhere else. One read per second per waiting call is the cost of needing no
 * cross-process channel.
 */
export class CallOutcomes {
  constructor(private readonly deps: CallOutcomesDeps) {}

  /** The call once settled, or as it stands when `waitMs` passed or the signal aborted. */
  async settle(call: ToolCall, options: WaitOptions): Promise<ToolCall> {
    const { clock, lifecycle } = this.deps;
    const stop = new AbortController();
    const abort = () => stop.abort();
    options.signal?.addEventListener("abort", abort, { once: true });
    const events = this.deps.bus.subscribe(topics.toolCall(call.tenantId, call.id), () => true, stop.signal)[Symbol.asyncIterator]();
    const started = clock.now().getTime();
    let heard: Promise<unknown> | undefined;
    let current = lifecycle.observed(call);
    try {
      while (!isSettled(current.status) && !stop.signal.aborted) {
        const elapsed = clock.now().getTime() - started;
        if (elapsed >= options.waitMs) break;
        heard ??= events.next().then(() => (heard = undefined));
        await Promise.race([heard, clock.sleep(Math.min(this.deps.recheckMs ?? 1000, options.waitMs - elapsed))]);
        current = lifecycle.observed((await this.deps.calls.get(call.tenantId, call.id)) ?? current);
        if (!isSettled(current.status)) await options.onTick?.(clock.now().getTime() - started);
      }
      return current;
    } finally {
      options.signal?.removeEventListener("abort", abort);
      stop.abort();
      void events.return?.();
    }
  }
}
