import { actAs } from "../../domain/access/actor.js";
import type { ToolView } from "../../domain/tools/tool-view.js";
import { builder } from "../builder.js";
import { ApprovalModeEnum, ToolLabelEnum } from "./enums.js";
import { McpServerRef } from "./mcp-server.js";

export const ToolRef = builder.objectRef<ToolView>("Tool").implement({
  description: "A tool of an MCP server, with the settings that curate it.",
  fields: (t) => ({
    serverId: t.exposeID("serverId"),
    name: t.exposeString("name"),
    qualifiedName: t.exposeString("qualifiedName", { description: "mcp__<slug>__<tool>: [A-Za-z0-9_-], at most 64 characters." }),
    title: t.exposeString("title", { nullable: true }),
    description: t.exposeString("description", { nullable: true }),
    inputSchema: t.field({ type: "JSON", resolve: (tool) => tool.inputSchema }),
    annotations: t.field({ type: "JSON", nullable: true, resolve: (tool) => tool.annotations }),
    labels: t.field({ type: [ToolLabelEnum], resolve: (tool) => tool.labels }),
    enabled: t.exposeBoolean("enabled"),
    approvalMode: t.expose("approvalMode", { type: ApprovalModeEnum }),
    requiresApproval: t.exposeBoolean("requiresApproval"),
    deferred: t.exposeBoolean("deferred"),
    present: t.exposeBoolean("present", { description: "Whether the server listed it last time; settings outlive the tool." }),
    changedAt: t.field({ type: "DateTime", nullable: true, resolve: (tool) => tool.changedAt }),
    reviewRequired: t.exposeBoolean("reviewRequired", {
      description:
        "The tool changed since an admin last set its approval: auto-approval is suspended until setToolSettings is called again.",
    }),
  }),
});

const AgentToolCatalogRef = builder.objectRef<{ tools: ToolView[]; deferredCount: number }>("AgentToolCatalog").implement({
  fields: (t) => ({
    tools: t.field({ type: [ToolRef], resolve: (catalog) => catalog.tools }),
    deferredCount: t.exposeInt("deferredCount", { description: "Enabled tools kept out of the list; find them with searchTools." }),
  }),
});

const ToolSettingsInput = builder.inputType("ToolSettingsInput", {
  fields: (t) => ({
    enabled: t.boolean(),
    approvalMode: t.field({ type: ApprovalModeEnum }),
    deferred: t.boolean(),
  }),
});

builder.objectFields(McpServerRef, (t) => ({
  tools: t.field({
    type: [ToolRef],
    description:
      "Live from the server, or from the cache when toolsCacheEnabled (see toolsCachedAt). A server that cannot be reached shows the tools last seen; validateMcpServer records why.",
    resolve: (server, _args, { actor, services }) => services.toolListing.list(actor, server),
  }),
}));

builder.queryFields((t) => ({
  agentTools: t.field({
    type: AgentToolCatalogRef,
    description: "The caller's effective tools for an agent (default: the agent in the token).",
    args: { agentId: t.arg.string() },
    resolve: (_root, { agentId }, { caller, services }) => services.catalog.agentTools(actAs(caller, agentId)),
  }),
  searchTools: t.field({
    type: [ToolRef],
    description: "Enabled tools matching the words of the query, deferred ones included.",
    args: { query: t.arg.string({ required: true }), agentId: t.arg.string(), limit: t.arg.int() },
    resolve: (_root, { query, agentId, limit }, { caller, services }) =>
      services.catalog.searchTools(actAs(caller, agentId), query, limit ?? undefined),
  }),
}));

builder.mutationFields((t) => ({
  validateMcpServer: t.field({
    type: McpServerRef,
    description: "Connects with the caller's connection, lists tools, and records status, lastError and lastValidatedAt.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { actor, services }) => services.serverHealth.validate(actor, id),
  }),
  refreshTools: t.field({
    type: McpServerRef,
    description: "Lists the server's tools now; with toolsCacheEnabled the listing becomes the cache.",
    args: { serverId: t.arg.id({ required: true }) },
    resolve: (_root, { serverId }, { actor, services }) => services.serverHealth.refresh(actor, serverId),
  }),
  setToolSettings: t.field({
    type: ToolRef,
    args: {
      serverId: t.arg.id({ required: true }),
      toolName: t.arg.string({ required: true }),
      input: t.arg({ type: ToolSettingsInput, required: true }),
    },
    resolve: (_root, { serverId, toolName, input }, { caller, services }) =>
      services.toolCuration.setSettings(caller, serverId, toolName, input),
  }),
}));
