import { actAs } from "../../domain/access/actor.js";
import type { ToolCall } from "../../domain/calls/tool-call.js";
import { builder } from "../builder.js";
import { DecisionChannelEnum, ResolutionSourceEnum, ToolCallStatusEnum } from "./enums.js";

export const ToolCallRef = builder.objectRef<ToolCall>("ToolCall").implement({
  description: "A tool call and its audit record. A call waiting past APPROVAL_TTL reads EXPIRED.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The call's id." }),
    serverId: t.exposeID("serverId", { description: "The server the tool belongs to." }),
    toolName: t.exposeString("toolName", { description: "The tool's name on its server." }),
    qualifiedName: t.exposeString("qualifiedName", { description: "The tool's name for agents: mcp__<slug>__<tool>." }),
    arguments: t.field({
      type: "JSON",
      description: "The arguments it was called with (a JSON object).",
      resolve: (call) => call.arguments,
    }),
    status: t.expose("status", { type: ToolCallStatusEnum, description: "Where the call is in its life." }),
    result: t.field({
      type: "JSON",
      nullable: true,
      description:
        "The MCP result (content, structuredContent, isError). Read back from the audit record, a result too large to keep whole is an excerpt (see resultTruncated).",
      resolve: (call) => call.result,
    }),
    resultTruncated: t.boolean({
      description:
        "Whether result is only an excerpt of its text: the whole (resultBytes) did not fit the audit record. The agent that made the call got it whole.",
      resolve: (call) => call.resultTruncated === true,
    }),
    resultBytes: t.int({
      nullable: true,
      description: "The size of the tool's result as JSON, in bytes, also when it was over MAX_RESULT_BYTES; null when there was none.",
      resolve: (call) => call.resultBytes ?? null,
    }),
    error: t.exposeString("error", { nullable: true, description: "FAILED: why, for people." }),
    requestedBy: t.exposeString("requestedBy", { description: "The user the call acts for: the one who decides it." }),
    agentId: t.exposeString("agentId", { nullable: true, description: "The agent that asked for the call, if any." }),
    connectionScope: t.field({
      type: ResolutionSourceEnum,
      nullable: true,
      description: "Whose credential the call used.",
      resolve: (call) => call.connectionScope,
    }),
    decidedBy: t.exposeString("decidedBy", { nullable: true, description: "The user who approved or rejected it." }),
    decidedVia: t.field({
      type: DecisionChannelEnum,
      nullable: true,
      description: "Where it was approved or rejected.",
      resolve: (call) => call.decidedVia ?? null,
    }),
    reason: t.exposeString("reason", { nullable: true, description: "REJECTED: the reason the user gave, if any." }),
    durationMs: t.exposeInt("durationMs", { nullable: true, description: "How long the call took, once finished." }),
    createdAt: t.field({ type: "DateTime", description: "When it was asked for.", resolve: (call) => call.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "When it last changed.", resolve: (call) => call.updatedAt }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a pending approval lapses.",
      resolve: (call) => call.approvalExpiresAt,
    }),
  }),
});

const CallToolInput = builder.inputType("CallToolInput", {
  description: "A tool to call, and its arguments.",
  fields: (t) => ({
    qualifiedName: t.string({ required: true, description: "The tool's name for agents: mcp__<slug>__<tool>." }),
    arguments: t.field({ type: "JSON", description: "A JSON object, checked against the tool's inputSchema." }),
    agentId: t.string({ description: "Default: the agent in the token." }),
    idempotencyKey: t.string({
      description:
        "Names this call for retries, at most 255 characters: the same key again within an hour, from the same user and agent, returns this call as it stands (even still RUNNING) instead of running the tool again; with another tool or other arguments it is refused (CONFLICT).",
    }),
  }),
});

builder.queryFields((t) => ({
  toolCall: t.field({
    type: ToolCallRef,
    nullable: true,
    description: "One call: the caller's own, or (admins) any on a server that is not private.",
    args: { id: t.arg.id({ required: true, description: "The call's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.toolCalls.get(caller, id),
  }),
  pendingApprovals: t.field({
    type: [ToolCallRef],
    description: "The caller's own calls waiting for their decision.",
    deprecationReason: "Use pendingApprovalsPage: a page at a time.",
    resolve: (_root, _args, { caller, services }) => services.toolCalls.pendingApprovals(caller),
  }),
}));

builder.mutationFields((t) => ({
  callTool: t.field({
    type: ToolCallRef,
    description: "Runs the tool now (SUCCEEDED or FAILED), or, when it needs approval, returns PENDING_APPROVAL and asks the user.",
    args: { input: t.arg({ type: CallToolInput, required: true, description: "The tool and its arguments." }) },
    resolve: (_root, { input: { agentId, ...input } }, { caller, services }) => services.toolCalls.call(actAs(caller, agentId), input),
  }),
  approveToolCall: t.field({
    type: ToolCallRef,
    description: "Runs a pending call, exactly once. Only the user it acts for may approve.",
    args: { id: t.arg.id({ required: true, description: "The pending call's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.approvals.approve(caller, id),
  }),
  rejectToolCall: t.field({
    type: ToolCallRef,
    description: "Refuses a pending call: it never runs, and the assistant is told so. Only the user it acts for may reject.",
    args: {
      id: t.arg.id({ required: true, description: "The pending call's id." }),
      reason: t.arg.string({ description: "Why, at most 500 characters; the assistant reads it." }),
    },
    resolve: (_root, { id, reason }, { caller, services }) => services.approvals.reject(caller, id, reason),
  }),
}));

builder.subscriptionFields((t) => ({
  approvalRequested: t.field({
    type: ToolCallRef,
    description: "The caller's own calls as they come to need approval.",
    subscribe: (_root, _args, { caller, services, signal }) => services.toolCallEvents.approvalRequested(caller, signal),
    resolve: (call) => call,
  }),
  toolCallUpdated: t.field({
    type: ToolCallRef,
    description: "One call each time it changes (decided, running, finished); the caller must be allowed to see it.",
    args: { id: t.arg.id({ required: true, description: "The call's id." }) },
    subscribe: (_root, { id }, { caller, services, signal }) => services.toolCallEvents.toolCallUpdated(caller, id, signal),
    resolve: (call) => call,
  }),
}));
