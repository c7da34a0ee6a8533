import type { ElicitRequestFormParams } from "@modelcontextprotocol/server";
import type { Answer } from "../domain/calls/approval-decisions.js";
import type { ToolCall } from "../domain/calls/tool-call.js";

const MAX_SHOWN_ARGUMENTS = 2000;

/** Which server a qualified name (`mcp__<slug>__<tool>`) belongs to. */
const serverOf = (qualifiedName: string) => /^mcp__(.+?)__/.exec(qualifiedName)?.[1] ?? "?";

/** The question put to the user in their MCP client: the tool, its server and its arguments, and approve or reject. */
export function approvalForm(call: ToolCall): ElicitRequestFormParams {
  const shown = JSON.stringify(call.arguments, null, 2);
  const args = shown.length > MAX_SHOWN_ARGUMENTS ? `${shown.slice(0, MAX_SHOWN_ARGUMENTS)}\n…` : shown;
  return {
    mode: "form",
    message: [
      `${call.agentId ? `The agent ${call.agentId}` : "Your assistant"} wants to run a tool that needs your approval.`,
      `Tool: ${call.toolName}`,
      `Server: ${serverOf(call.qualifiedName)}`,
      `Arguments: ${args}`,
      `Call: ${call.id}`,
    ].join("\n"),
    requestedSchema: {
      type: "object",
      properties: {
        decision: {
          type: "string",
          title: "Decision",
          oneOf: [
            { const: "approve", title: "Approve: run it" },
            { const: "reject", title: "Reject: do not run it" },
          ],
        },
        reason: { type: "string", title: "Reason (optional, shown to the assistant on rejection)", maxLength: 500 },
      },
      required: ["decision"],
    },
  };
}

/**
 * The user's answer, from an elicitation result: accept with "approve" approves; accept with
 * "reject", or decline, rejects; cancel (dismissed) decides nothing, and the call keeps waiting.
 */
export function answerOf(result: { action?: unknown; content?: unknown }): Answer | undefined {
  const content = (result.content ?? {}) as { decision?: unknown; reason?: unknown };
  const reason = typeof content.reason === "string" && content.reason.trim() ? content.reason.trim().slice(0, 500) : null;
  if (result.action === "decline") return { approve: false, reason: reason ?? "Declined in the client." };
  if (result.action !== "accept") return undefined;
  if (content.decision === "approve") return { approve: true };
  if (content.decision === "reject") return { approve: false, reason };
  return undefined;
}
