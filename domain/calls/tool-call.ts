import type { ResolutionSource } from "../connections/resolve-connection.js";
import type { McpToolResult } from "../ports/mcp-connector.js";
import type { WaitingToken } from "./waiting-token.js";

export const TOOL_CALL_STATUSES = ["PENDING_APPROVAL", "RUNNING", "SUCCEEDED", "FAILED", "REJECTED", "EXPIRED"] as const;
export type ToolCallStatus = (typeof TOOL_CALL_STATUSES)[number];

export const DECISION_CHANNELS = ["INBOX", "PROMPT"] as const;
export type DecisionChannel = (typeof DECISION_CHANNELS)[number];

/** A call that will not change again: its outcome is known. */
export const isSettled = (status: ToolCallStatus) =>
  status === "SUCCEEDED" || status === "FAILED" || status === "REJECTED" || status === "EXPIRED";

/**
 * One call of one tool, and its audit record: who asked, for which agent, with which
 * credential scope, what it was given, how it ended and how long it took. It never holds a
 * credential or header value.
 */
export interface ToolCall {
  readonly tenantId: string;
  readonly id: string;
  readonly serverId: string;
  readonly toolName: string;
  readonly qualifiedName: string;
  readonly arguments: Record<string, unknown>;
  /** Stored status; a PENDING_APPROVAL call past `approvalExpiresAt` reads as EXPIRED, a RUNNING call abandoned by its process as FAILED. */
  readonly status: ToolCallStatus;
  readonly result: McpToolResult | null;
  /** The size of the tool's result as JSON, as the server sent it (also when too large to keep); absent without one. */
  readonly resultBytes?: number | null;
  /** The stored result is an excerpt: the whole did not fit the audit record (the agent got it whole). */
  readonly resultTruncated?: boolean;
  readonly error: string | null;
  /** The owner of the server when it is PRIVATE: then the call is theirs alone, admins included. */
  readonly privateServerOwner: string | null;
  /** The user the call acts for: the only one who may approve or reject it. */
  readonly requestedBy: string;
  readonly agentId: string | null;
  /** Which credential the call ran with (USER, AGENT, PLATFORM, SERVER_CREDENTIAL, NONE). */
  readonly connectionScope: ResolutionSource | null;
  readonly decidedBy: string | null;
  /** Where the decision was made: the user's approval inbox (GraphQL), or the prompt their MCP client showed them. */
  readonly decidedVia?: DecisionChannel | null;
  readonly reason: string | null;
  readonly durationMs: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly approvalExpiresAt: string | null;
  /** While it waits for approval on a JWT passthrough server: the embedded chat's token it will run with. */
  readonly waitingToken: WaitingToken | null;
}

/** The error of a call whose process died while it ran (a crash, a `kill -9`, a Lambda cut short): it never finished. */
export const INTERRUPTED = "interrupted";

/**
 * The instant a RUNNING call must have started after to still be running: no call runs longer
 * than `runningLimitMs` (its timeout plus a margin), so one that started before was abandoned.
 * A RUNNING call's `updatedAt` is when it started running (nothing writes it again until it ends).
 */
export const runningSinceCutoff = (now: Date, runningLimitMs: number) => new Date(now.getTime() - runningLimitMs).toISOString();

/**
 * What a caller reads, whether or not anyone wrote it yet: a pending call whose time ran out is
 * EXPIRED; a call RUNNING longer than any call runs is FAILED, interrupted.
 */
function observedStatus(call: ToolCall, now: Date, runningLimitMs: number): ToolCallStatus {
  if (call.status === "PENDING_APPROVAL" && call.approvalExpiresAt !== null && now.toISOString() >= call.approvalExpiresAt)
    return "EXPIRED";
  if (call.status === "RUNNING" && call.updatedAt <= runningSinceCutoff(now, runningLimitMs)) return "FAILED";
  return call.status;
}

/** The call as a caller reads it (see observedStatus); an interrupted call says so in its error. */
export function observedCall(call: ToolCall, now: Date, runningLimitMs: number): ToolCall {
  const status = observedStatus(call, now, runningLimitMs);
  if (status === call.status) return call;
  return status === "FAILED" ? { ...call, status, error: INTERRUPTED } : { ...call, status };
}

/** What the assistant reads after a rejection. */
export const rejectionResult = (reason: string | null): McpToolResult => ({
  isError: true,
  content: [{ type: "text", text: `The user rejected this tool call${reason ? `: ${reason}` : "."}` }],
});
