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
  /** Stored status; a PENDING_APPROVAL call past `approvalExpiresAt` reads as EXPIRED. */
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

/** What a caller reads: a pending call whose time ran out is EXPIRED, whether or not anyone wrote that. */
export function observedStatus(call: ToolCall, now: Date): ToolCallStatus {
  return call.status === "PENDING_APPROVAL" && call.approvalExpiresAt !== null && now.toISOString() >= call.approvalExpiresAt
    ? "EXPIRED"
    : call.status;
}

/** What the assistant reads after a rejection. */
export const rejectionResult = (reason: string | null): McpToolResult => ({
  isError: true,
  content: [{ type: "text", text: `The user rejected this tool call${reason ? `: ${reason}` : "."}` }],
});
