import type { DecisionChannel } from "../calls/tool-call.js";

/**
 * What tool calls tell the operators: how many ran, how many failed, how long they took, how
 * many waited for a person and what that person decided. Counted per server and tool; the
 * tenant and call travel along for searching, never as a dimension. Implementations record and
 * return at once, and never throw: a metric that cannot be written must not fail a call.
 */
export interface CallMetrics {
  /** A call that ran (or was about to) ended: SUCCEEDED or FAILED, after `durationMs`. */
  callFinished(event: CallFinished): void;
  /** A call was stored waiting for its user's decision. */
  approvalRequested(event: CallMetricSubject): void;
  /** Its user approved or rejected it (from the inbox or from their MCP client's prompt). */
  approvalDecided(event: ApprovalDecided): void;
}

/** Which call an event is about. */
export interface CallMetricSubject {
  tenantId: string;
  callId: string;
  serverId: string;
  toolName: string;
}

export interface CallFinished extends CallMetricSubject {
  status: "SUCCEEDED" | "FAILED";
  durationMs: number;
}

export interface ApprovalDecided extends CallMetricSubject {
  decision: "APPROVED" | "REJECTED";
  via: DecisionChannel;
}

/** Records nothing: the default wherever no metrics were asked for (tests, tools). */
export const noCallMetrics: CallMetrics = {
  callFinished: () => undefined,
  approvalRequested: () => undefined,
  approvalDecided: () => undefined,
};

/** Every sink told of every event (CloudWatch metrics, and the counters toolMetrics reads). */
export const allOf = (sinks: ReadonlyArray<CallMetrics | undefined>): CallMetrics => {
  const present = sinks.filter((sink): sink is CallMetrics => sink !== undefined);
  return {
    callFinished: (event) => present.forEach((sink) => sink.callFinished(event)),
    approvalRequested: (event) => present.forEach((sink) => sink.approvalRequested(event)),
    approvalDecided: (event) => present.forEach((sink) => sink.approvalDecided(event)),
  };
};
