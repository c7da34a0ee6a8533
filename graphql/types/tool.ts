import { actAs } from "../../domain/access/actor.js";
import type { ToolView } from "../../domain/tools/tool-view.js";
import { builder } from "../builder.js";
import { ApprovalModeEnum, ToolLabelEnum } from "./enums.js";
import { McpServerRef } from "./mcp-server.js";

export const ToolRef = builder.objectRef<ToolView>("Tool").implement({
  description: "A tool of an MCP server, with the settings that curate it.",
  fields: (t) => ({
    serverId: t.exposeID("serverId", { description: "The server that offers it." }),
    name: t.exposeString("name", { description: "Its name on its server." }),
    qualifiedName: t.exposeString("qualifiedName", {
      description:
        "mcp__<slug>__<tool>: [A-Za-z0-9_-], at most 64 characters. A tool name of other characters, or too long, is cleaned and completed with a hash of it to exactly 64: unique, and the same on every listing.",
    }),
    title: t.exposeString("title", { nullable: true, description: "Its display title, as the server gives it." }),
    description: t.exposeString("description", { nullable: true, description: "What it does, as the server describes it." }),
    inputSchema: t.field({
      type: "JSON",
      description: "The JSON Schema its arguments must match.",
      resolve: (tool) => tool.inputSchema,
    }),
    annotations: t.field({
      type: "JSON",
      nullable: true,
      description: "The server's MCP tool annotations (readOnlyHint, destructiveHint ...), as given.",
      resolve: (tool) => tool.annotations,
    }),
    labels: t.field({ type: [ToolLabelEnum], description: "READ or WRITE, from its readOnlyHint.", resolve: (tool) => tool.labels }),
    enabled: t.exposeBoolean("enabled", { description: "Whether agents are offered it and may call it; an admin sets this." }),
    approvalMode: t.expose("approvalMode", { type: ApprovalModeEnum, description: "When a call needs the user's approval, as set." }),
    requiresApproval: t.exposeBoolean("requiresApproval", {
      description: "Whether a call of it waits for the user's approval now (its approvalMode and label, and reviewRequired).",
    }),
    deferred: t.exposeBoolean("deferred", {
      description: "Kept out of agents' tool lists to keep prompts small; still found by searchTools and callable.",
    }),
    present: t.exposeBoolean("present", { description: "Whether the server listed it last time; settings outlive the tool." }),
    changedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When its description, schema or annotations last changed after it was first seen.",
      resolve: (tool) => tool.changedAt,
    }),
    reviewRequired: t.exposeBoolean("reviewRequired", {
      description:
        "The tool changed since an admin last set its approval: auto-approval is suspended until setToolSettings is called again.",
    }),
  }),
});

const AgentToolCatalogRef = builder.objectRef<{ tools: ToolView[]; deferredCount: number }>("AgentToolCatalog").implement({
  description: "The tools an agent may call for the caller, across every server it may use.",
  fields: (t) => ({
    tools: t.field({
      type: [ToolRef],
      description: "Its enabled, usable tools, deferred ones left out.",
      resolve: (catalog) => catalog.tools,
    }),
    deferredCount: t.exposeInt("deferredCount", { description: "Enabled tools kept out of the list; find them with searchTools." }),
  }),
});

const ToolSettingsInput = builder.inputType("ToolSettingsInput", {
  description: "An admin's settings for one tool; set at least one. Omitted ones keep their values.",
  fields: (t) => ({
    enabled: t.boolean({ description: "false: agents are not offered it and cannot call it." }),
    approvalMode: t.field({
      type: ApprovalModeEnum,
      description: "When calls need the user's approval. Setting it marks the tool as reviewed (clears reviewRequired).",
    }),
    deferred: t.boolean({ description: "true: kept out of agents' tool lists, found through searchTools." }),
  }),
});

builder.objectFields(McpServerRef, (t) => ({
  tools: t.field({
    type: [ToolRef],
    description:
      "Live from the server, or from the cache when toolsCacheEnabled (see toolsCachedAt). A server that cannot be reached shows the tools last seen; validateMcpServer records why.",
    deprecationReason: "Use toolsPage: a page at a time.",
    resolve: (server, _args, { actor, services }) => services.toolListing.list(actor, server),
  }),
}));

builder.queryFields((t) => ({
  agentTools: t.field({
    type: AgentToolCatalogRef,
    description: "The caller's effective tools for an agent (default: the agent in the token).",
    args: { agentId: t.arg.string({ description: "Default: the agent in the token. Only admins may name another." }) },
    resolve: (_root, { agentId }, { caller, services }) => services.catalog.agentTools(actAs(caller, agentId)),
  }),
  searchTools: t.field({
    type: [ToolRef],
    description: "Enabled tools matching the words of the query, deferred ones included.",
    args: {
      query: t.arg.string({ required: true, description: "Words to look for in tools' names and descriptions." }),
      agentId: t.arg.string({ description: "Default: the agent in the token." }),
      limit: t.arg.int({ description: "How many tools at most: 1 to 50, default 10." }),
    },
    resolve: (_root, { query, agentId, limit }, { caller, services }) =>
      services.catalog.searchTools(actAs(caller, agentId), query, limit ?? undefined),
  }),
}));

builder.mutationFields((t) => ({
  validateMcpServer: t.field({
    type: McpServerRef,
    description: "Connects with the caller's connection, lists tools, and records status, lastError and lastValidatedAt.",
    args: { id: t.arg.id({ required: true, description: "The server's id." }) },
    resolve: (_root, { id }, { actor, services }) => services.serverHealth.validate(actor, id),
  }),
  refreshTools: t.field({
    type: McpServerRef,
    description: "Lists the server's tools now; with toolsCacheEnabled the listing becomes the cache.",
    args: { serverId: t.arg.id({ required: true, description: "The server's id." }) },
    resolve: (_root, { serverId }, { actor, services }) => services.serverHealth.refresh(actor, serverId),
  }),
  setToolSettings: t.field({
    type: ToolRef,
    description: "Curates one tool of a server: SHARED servers by admins, a PRIVATE one by its owner.",
    args: {
      serverId: t.arg.id({ required: true, description: "The server that offers the tool." }),
      toolName: t.arg.string({ required: true, description: "The tool's name on its server (not its qualifiedName)." }),
      input: t.arg({ type: ToolSettingsInput, required: true, description: "The settings to change." }),
    },
    resolve: (_root, { serverId, toolName, input }, { caller, services }) =>
      services.toolCuration.setSettings(caller, serverId, toolName, input),
  }),
}));
