import type { Actor } from "../access/actor.js";
import type { Clock } from "../ports/clock.js";
import { type EventBus, topics } from "../ports/event-bus.js";
import type { UpstreamRelay } from "../ports/mcp-connector.js";
import { type CallMetrics, type CallMetricSubject, noCallMetrics } from "../ports/metrics.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import { conflict, DomainError } from "../shared/errors.js";
import type { Upstream } from "../upstream/upstream-session.js";
import { observedCall, type ToolCall, type ToolCallStatus } from "./tool-call.js";
import type { LocatedTool } from "./tool-locator.js";
import { jsonBytes, type PayloadLimits, resultTooLarge } from "./payload-limits.js";

export interface CallLifecycleDeps {
  calls: ToolCallStore;
  bus: EventBus;
  upstream: Upstream;
  clock: Clock;
  /** How long a running tool may take. */
  callTimeoutMs: number;
  /** The largest result passed on and kept (MAX_RESULT_BYTES). */
  limits: PayloadLimits;
  /** How long past its timeout a call may still be RUNNING before it reads interrupted (its process died); 60 s by default. */
  interruptedMarginMs?: number;
  /** Calls, failures and latency per server and tool; none by default. */
  metrics?: CallMetrics;
}

/**
 * How a call moves: every move is one conditional write from the status it was read in (so a
 * double click, two tabs or two Lambdas move it once), announced to its watchers; running it
 * reaches the upstream through the session and records how it ended.
 */
export class CallLifecycle {
  constructor(private readonly deps: CallLifecycleDeps) {}

  /**
   * Runs a call and records how it ended. `recorded` is the audit record's first write when the
   * caller started it alongside (an auto-approved call): it overlaps the upstream call instead of
   * preceding it, and the final status is written once both are done; had it failed, the
   * finished call is written whole, so a call that reached its server is never left unrecorded.
   */
  async run(call: ToolCall, actor: Actor, { grant }: LocatedTool, relay?: UpstreamRelay, recorded?: Promise<void>): Promise<ToolCall> {
    const started = Date.now();
    const [outcome, written] = await Promise.allSettled([this.outcome(call, actor, grant, relay), recorded ?? Promise.resolve()]);
    if (outcome.status === "rejected") throw outcome.reason;
    return this.finish(call, outcome.value, Date.now() - started, written.status === "fulfilled");
  }

  private async outcome(call: ToolCall, actor: Actor, grant: LocatedTool["grant"], relay?: UpstreamRelay): Promise<Outcome> {
    const session = this.deps.upstream.session(actor, grant);
    const connectionScope = session.source;
    try {
      const result = await session.callTool(call.toolName, call.arguments, {
        timeoutMs: this.deps.callTimeoutMs,
        ...(relay ? { relay } : {}),
      });
      const resultBytes = jsonBytes(result);
      // A result past the limit is a failure the agent can read, not one that fails writing the audit record.
      const tooLarge = resultTooLarge(resultBytes, this.deps.limits);
      if (tooLarge) return { status: "FAILED", result: null, error: tooLarge, resultBytes, connectionScope };
      const failed = result.isError === true;
      const error = failed ? "The tool reported an error." : null;
      return { status: failed ? "FAILED" : "SUCCEEDED", result, error, resultBytes, connectionScope };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { status: "FAILED", result: null, error: error.message, connectionScope };
    }
  }

  async finish(call: ToolCall, outcome: Outcome, durationMs: number, recorded = true): Promise<ToolCall> {
    const finished = this.stamp({ ...call, ...outcome, durationMs });
    if (recorded) await this.move(finished, "RUNNING");
    else {
      await this.deps.calls.create(finished);
      await this.announce(finished);
    }
    // Counted once the move is written: a finish that lost a race is not a second call.
    if (finished.status === "SUCCEEDED" || finished.status === "FAILED")
      (this.deps.metrics ?? noCallMetrics).callFinished({ ...metricSubject(finished), status: finished.status, durationMs });
    return finished;
  }

  /** Writes `next` if the call is still `from`, and tells its watchers. */
  async move(next: ToolCall, from: ToolCallStatus): Promise<void> {
    const moved = await this.deps.calls.transition(next, from, this.now().toISOString());
    if (!moved)
      throw conflict(from === "PENDING_APPROVAL" ? "The call was already decided, or its approval expired" : "The call changed meanwhile");
    await this.announce(next);
  }

  announce(call: ToolCall): Promise<void> {
    return this.deps.bus.publish(topics.toolCall(call.tenantId, call.id), withoutSecrets(call));
  }

  /** What a reader sees: a pending call whose time ran out is EXPIRED, one abandoned while RUNNING is FAILED (interrupted). */
  observed(call: ToolCall): ToolCall {
    return observedCall(call, this.now(), this.runningLimitMs);
  }

  /** No call runs longer than this: one still RUNNING after it was abandoned. */
  get runningLimitMs(): number {
    return this.deps.callTimeoutMs + (this.deps.interruptedMarginMs ?? 60_000);
  }

  stamp(call: ToolCall): ToolCall {
    return { ...call, updatedAt: this.now().toISOString() };
  }

  now(): Date {
    return this.deps.clock.now();
  }
}

/** Which call a metric is about: the record's own identifiers, never its arguments or result. */
export const metricSubject = (call: ToolCall): CallMetricSubject => ({
  tenantId: call.tenantId,
  callId: call.id,
  serverId: call.serverId,
  toolName: call.toolName,
});

type Outcome = Pick<ToolCall, "status" | "result" | "error" | "connectionScope" | "resultBytes">;

/** What subscribers receive: the call without the sealed token it may carry. */
export const withoutSecrets = (call: ToolCall): ToolCall => (call.waitingToken ? { ...call, waitingToken: null } : call);
