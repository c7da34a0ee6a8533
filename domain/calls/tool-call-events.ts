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
    const mine = (call: ToolCall) =>
      call.tenantId === caller.tenantId && call.requestedBy === caller.userId && call.status === "PENDING_APPROVAL";
    return this.bus.subscribe(topics.approvals(caller.tenantId, caller.userId), this.selecting(mine), signal);
  }

  /** Every change of one call the caller may see; refused (NOT_FOUND) when they may not. */
  async toolCallUpdated(caller: Caller, id: string, signal?: AbortSignal): Promise<AsyncIterable<ToolCall>> {
    const call = await this.calls.get(caller, id);
    const visible = (event: ToolCall) => event.id === call.id && canSeeCall(caller, event);
    return this.bus.subscribe(topics.toolCall(call.tenantId, call.id), this.selecting(visible), signal);
  }

  /** The events `allowed` admits, as the caller reads them (a lapsed approval reads EXPIRED). */
  private selecting(allowed: (call: ToolCall) => boolean) {
    return (event: unknown) => (allowed(event as ToolCall) ? this.calls.observed(event as ToolCall) : undefined);
  }
}
