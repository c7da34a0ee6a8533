import type { CallToolResult } from "@modelcontextprotocol/server";
import type { ToolCall } from "../domain/calls/tool-call.js";

const text = (message: string, isError: boolean): CallToolResult => ({ content: [{ type: "text", text: message }], isError });

/** A call as the agent reads it: the tool's own result, or what became of it. */
export function callResult(call: ToolCall): CallToolResult {
  if (call.result) return call.resultTruncated ? withTruncationNote(call, call.result as CallToolResult) : (call.result as CallToolResult);
  switch (call.status) {
    case "FAILED":
      return text(call.error ?? "The call failed.", true);
    case "EXPIRED":
      return text(`Nobody approved this call in time (call ${call.id}); ask again to request approval anew.`, true);
    case "PENDING_APPROVAL":
    case "RUNNING":
      return pendingResult(call);
    default:
      return text(`The call ended as ${call.status}.`, call.status !== "SUCCEEDED");
  }
}

/** A result read back from an audit record that kept only an excerpt: the agent is told it is not the whole. */
const withTruncationNote = (call: ToolCall, excerpt: CallToolResult): CallToolResult => ({
  ...excerpt,
  content: [
    ...excerpt.content,
    {
      type: "text",
      text: `[Only the first part of this result was kept (call ${call.id}): the whole was ${call.resultBytes ?? "more"} bytes, too large to store.]`,
    },
  ],
});

/** The call waits for its user: the agent is told so, with the call's id, and that asking the same again collects the outcome. */
export function pendingResult(call: ToolCall): CallToolResult {
  const waiting = call.status === "PENDING_APPROVAL";
  return {
    content: [
      {
        type: "text",
        text: waiting
          ? `This call needs approval by its user, who has not decided yet (call ${call.id}). Call the tool again with the same arguments later to get its outcome; it will not be asked twice.`
          : `This call was approved and is still running (call ${call.id}). Call the tool again with the same arguments later to get its outcome.`,
      },
    ],
    structuredContent: {
      status: call.status,
      callId: call.id,
      ...(call.approvalExpiresAt ? { approvalExpiresAt: call.approvalExpiresAt } : {}),
    },
    isError: false,
  };
}

/** An expected failure (a disabled tool, bad arguments, an unreachable server) as a result the agent can read and act on. */
export const failureResult = (message: string): CallToolResult => text(message, true);
