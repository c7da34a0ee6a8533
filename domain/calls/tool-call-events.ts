import { type EventBus, topics } from "../ports/event-bus.js";
import type { Caller } from "../shared/caller.js";
import type { ToolCall } from "./tool-call.js";
import { canSeeCall, type ToolCallService } from "./tool-call-service.js";

/**
 * The subscriptions' streams. Each is authorised when it starts, and every event is checked
 * again before it is handed on: a bus that mixed topics up would still leak nothing.
 */
export class ToolCallEvents {
  constructor(
    private readonly bus: EventBus,
    private readonly calls: ToolCallService,
  ) {}

  /** The caller's own calls as they come to need approval. */
  approvalRequested(caller: Caller, signal?: AbortSignal): AsyncIterable<ToolCall> {
    const events = this.bus.subscribe(topics.approvals(caller.tenantId, caller.userId), signal);
    return this.filtered(
      events,
      (call) => call.tenantId === caller.tenantId && call.requestedBy === caller.userId && call.status === "PENDING_APPROVAL",
    );
  }

  /** Every change of one call the caller may see; refused (NOT_FOUND) when they may not. */
  async toolCallUpdated(caller: Caller, id: string, signal?: AbortSignal): Promise<AsyncIterable<ToolCall>> {
    const call = await this.calls.get(caller, id);
    const events = this.bus.subscribe(topics.toolCall(call.tenantId, call.id), signal);
    return this.filtered(events, (event) => event.id === call.id && canSeeCall(caller, event));
  }

  /** Not an async generator: a client leaving must end the subscription now, not at the next event. */
  private filtered(events: AsyncIterable<unknown>, allowed: (call: ToolCall) => boolean): AsyncIterable<ToolCall> {
    const inner = events[Symbol.asyncIterator]();
    const observed = (call: ToolCall) => this.calls.observed(call);
    const iterator: AsyncIterator<ToolCall> = {
      async next() {
        for (;;) {
          const step = await inner.next();
          if (step.done === true) return { value: undefined, done: true };
          const value: unknown = step.value;
          if (allowed(value as ToolCall)) return { value: observed(value as ToolCall), done: false };
        }
      },
      async return() {
        await inner.return?.();
        return { value: undefined, done: true };
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }
}
