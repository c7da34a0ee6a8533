import type { McpServer } from "../../domain/servers/server.js";
import { builder } from "../builder.js";
import { ConnectionStatusEnum, ServerAuthTypeEnum, TransportEnum, VisibilityEnum } from "./enums.js";
import { HeaderInput, HeaderView } from "./header.js";

export const McpServerRef = builder.objectRef<McpServer>("McpServer").implement({
  description: "A remote MCP server registered in the caller's tenant.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    slug: t.exposeString("slug", { description: "Prefix of the server's tool names: mcp__<slug>__<tool>." }),
    description: t.exposeString("description", { nullable: true }),
    url: t.exposeString("url"),
    transport: t.expose("transport", { type: TransportEnum }),
    authType: t.expose("authType", { type: ServerAuthTypeEnum }),
    visibility: t.expose("visibility", { type: VisibilityEnum }),
    ownerId: t.exposeString("ownerId", { nullable: true, description: "The owner of a PRIVATE server." }),
    createdBy: t.exposeString("createdBy"),
    isEnabled: t.exposeBoolean("isEnabled"),
    isFeatured: t.exposeBoolean("isFeatured"),
    agentAccess: t.exposeStringList("agentAccess", { nullable: true, description: "null: every agent of the tenant." }),
    headers: t.field({ type: [HeaderView], resolve: (server) => [...server.headers] }),
    authHeaderName: t.exposeString("authHeaderName"),
    hasCredential: t.boolean({ resolve: (server) => server.credential !== null }),
    credentialPreview: t.string({ nullable: true, resolve: (server) => server.credential?.preview ?? null }),
    oauthClientId: t.exposeString("oauthClientId", { nullable: true }),
    hasOauthClientSecret: t.boolean({ resolve: (server) => server.oauthClientSecret !== null }),
    oauthScopes: t.exposeStringList("oauthScopes", { nullable: true }),
    toolsCacheEnabled: t.exposeBoolean("toolsCacheEnabled"),
    toolsCachedAt: t.field({ type: "DateTime", nullable: true, resolve: (server) => server.toolsCachedAt }),
    status: t.expose("status", { type: ConnectionStatusEnum }),
    lastError: t.exposeString("lastError", { nullable: true }),
    lastValidatedAt: t.field({ type: "DateTime", nullable: true, resolve: (server) => server.lastValidatedAt }),
    createdAt: t.field({ type: "DateTime", resolve: (server) => server.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (server) => server.updatedAt }),
    version: t.exposeInt("version", { description: "Pass as `expectedVersion` to update only what you read." }),
  }),
});

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0];

/** What both create and update may set (all optional here; create requires name and url). */
export const settableServerFields = (t: InputFields) => ({
  slug: t.string({ description: "Defaults to one derived from the name; kept when the server is renamed." }),
  description: t.string(),
  transport: t.field({ type: TransportEnum, description: "Default STREAMABLE_HTTP." }),
  authType: t.field({ type: ServerAuthTypeEnum, description: "Default NONE." }),
  visibility: t.field({ type: VisibilityEnum, description: "Default SHARED for admins, PRIVATE otherwise." }),
  isEnabled: t.boolean(),
  isFeatured: t.boolean({ description: "Shared servers only." }),
  agentAccess: t.stringList({ description: "null: every agent; otherwise at least one agent id." }),
  headers: t.field({ type: [HeaderInput] }),
  credential: t.string({ description: "TOKEN servers: the full auth header value. Write-only." }),
  authHeaderName: t.string({ description: "Default Authorization." }),
  toolsCacheEnabled: t.boolean(),
  oauthClientId: t.string({ description: "OAUTH2: a registered client; without one the platform registers itself (RFC 7591)." }),
  oauthClientSecret: t.string({ description: "OAUTH2: the client's secret. Write-only." }),
  oauthScopes: t.stringList({ description: "OAUTH2: scopes to request." }),
});

const CreateMcpServerInput = builder.inputType("CreateMcpServerInput", {
  fields: (t) => ({ name: t.string({ required: true }), url: t.string({ required: true }), ...settableServerFields(t) }),
});

const UpdateMcpServerInput = builder.inputType("UpdateMcpServerInput", {
  fields: (t) => ({
    name: t.string(),
    url: t.string(),
    ...settableServerFields(t),
    expectedVersion: t.int({ description: "Refuse the update (CONFLICT) unless this is the stored version." }),
  }),
});

builder.queryFields((t) => ({
  mcpServer: t.field({
    type: McpServerRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.servers.get(caller, id),
  }),
  mcpServers: t.field({
    type: [McpServerRef],
    description: "The servers the caller may see: shared ones and their own private ones.",
    resolve: (_root, _args, { caller, services }) => services.servers.list(caller),
  }),
}));

builder.mutationFields((t) => ({
  createMcpServer: t.field({
    type: McpServerRef,
    args: { input: t.arg({ type: CreateMcpServerInput, required: true }) },
    resolve: (_root, { input }, { caller, services }) => services.servers.create(caller, input),
  }),
  updateMcpServer: t.field({
    type: McpServerRef,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateMcpServerInput, required: true }) },
    resolve: (_root, { id, input }, { caller, services }) => services.servers.update(caller, id, input),
  }),
  deleteMcpServer: t.field({
    type: "Boolean",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.servers.delete(caller, id),
  }),
}));
