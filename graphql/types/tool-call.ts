import { actAs } from "../../domain/access/actor.js";
import type { ToolCall } from "../../domain/calls/tool-call.js";
import { builder } from "../builder.js";
import { DecisionChannelEnum, ResolutionSourceEnum, ToolCallStatusEnum } from "./enums.js";

export const ToolCallRef = builder.objectRef<ToolCall>("ToolCall").implement({
  description: "A tool call and its audit record. A call waiting past APPROVAL_TTL reads EXPIRED.",
  fields: (t) => ({
    id: t.exposeID("id"),
    serverId: t.exposeID("serverId"),
    toolName: t.exposeString("toolName"),
    qualifiedName: t.exposeString("qualifiedName"),
    arguments: t.field({ type: "JSON", resolve: (call) => call.arguments }),
    status: t.expose("status", { type: ToolCallStatusEnum }),
    result: t.field({
      type: "JSON",
      nullable: true,
      description: "The MCP result (content, structuredContent, isError).",
      resolve: (call) => call.result,
    }),
    error: t.exposeString("error", { nullable: true }),
    requestedBy: t.exposeString("requestedBy", { description: "The user the call acts for: the one who decides it." }),
    agentId: t.exposeString("agentId", { nullable: true }),
    connectionScope: t.field({
      type: ResolutionSourceEnum,
      nullable: true,
      description: "Whose credential the call used.",
      resolve: (call) => call.connectionScope,
    }),
    decidedBy: t.exposeString("decidedBy", { nullable: true }),
    decidedVia: t.field({ type: DecisionChannelEnum, nullable: true, resolve: (call) => call.decidedVia ?? null }),
    reason: t.exposeString("reason", { nullable: true }),
    durationMs: t.exposeInt("durationMs", { nullable: true }),
    createdAt: t.field({ type: "DateTime", resolve: (call) => call.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (call) => call.updatedAt }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a pending approval lapses.",
      resolve: (call) => call.approvalExpiresAt,
    }),
  }),
});

const CallToolInput = builder.inputType("CallToolInput", {
  fields: (t) => ({
    qualifiedName: t.string({ required: true }),
    arguments: t.field({ type: "JSON", description: "A JSON object, checked against the tool's inputSchema." }),
    agentId: t.string({ description: "Default: the agent in the token." }),
  }),
});

builder.queryFields((t) => ({
  toolCall: t.field({
    type: ToolCallRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.toolCalls.get(caller, id),
  }),
  pendingApprovals: t.field({
    type: [ToolCallRef],
    description: "The caller's own calls waiting for their decision.",
    resolve: (_root, _args, { caller, services }) => services.toolCalls.pendingApprovals(caller),
  }),
}));

builder.mutationFields((t) => ({
  callTool: t.field({
    type: ToolCallRef,
    description: "Runs the tool now (SUCCEEDED or FAILED), or, when it needs approval, returns PENDING_APPROVAL and asks the user.",
    args: { input: t.arg({ type: CallToolInput, required: true }) },
    resolve: (_root, { input: { agentId, ...input } }, { caller, services }) => services.toolCalls.call(actAs(caller, agentId), input),
  }),
  approveToolCall: t.field({
    type: ToolCallRef,
    description: "Runs a pending call, exactly once. Only the user it acts for may approve.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.approvals.approve(caller, id),
  }),
  rejectToolCall: t.field({
    type: ToolCallRef,
    args: { id: t.arg.id({ required: true }), reason: t.arg.string() },
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
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { caller, services, signal }) => services.toolCallEvents.toolCallUpdated(caller, id, signal),
    resolve: (call) => call,
  }),
}));
