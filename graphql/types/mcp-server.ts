import type { McpServer, SkippedTool } from "../../domain/servers/server.js";
import { builder } from "../builder.js";
import { ConnectionStatusEnum, ServerAuthTypeEnum, TransportEnum, VisibilityEnum } from "./enums.js";
import { HeaderInput, HeaderView } from "./header.js";

const SkippedToolRef = builder.objectRef<SkippedTool>("SkippedTool").implement({
  description: "A tool the server listed that cannot be used as listed, so it is not offered.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "Its name as the server listed it (shortened when long); empty when it had none." }),
    reason: t.exposeString("reason", {
      description: "Why: no name, a name that is not a string or is taken, an inputSchema that is not an object schema or is too large.",
    }),
  }),
});

export const McpServerRef = builder.objectRef<McpServer>("McpServer").implement({
  description: "A remote MCP server registered in the caller's tenant.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The server's id." }),
    name: t.exposeString("name", { description: "Display name." }),
    slug: t.exposeString("slug", { description: "Prefix of the server's tool names: mcp__<slug>__<tool>." }),
    description: t.exposeString("description", {
      nullable: true,
      description: "What the server is for, as an admin or its owner wrote it.",
    }),
    url: t.exposeString("url", {
      description:
        "The server's MCP endpoint, each query value masked like a credential (`?api_key=••••1234`): they are stored as secrets.",
    }),
    transport: t.expose("transport", { type: TransportEnum, description: "How the platform speaks MCP to it." }),
    authType: t.expose("authType", { type: ServerAuthTypeEnum, description: "How requests to it say who calls." }),
    visibility: t.expose("visibility", { type: VisibilityEnum, description: "SHARED with the tenant, or PRIVATE to its owner." }),
    ownerId: t.exposeString("ownerId", { nullable: true, description: "The owner of a PRIVATE server." }),
    createdBy: t.exposeString("createdBy", { description: "The user who registered it." }),
    isEnabled: t.exposeBoolean("isEnabled", { description: "A disabled server is kept but offers no tools and cannot be called." }),
    isFeatured: t.exposeBoolean("isFeatured", { description: "Marked as featured by an admin (shared servers only)." }),
    agentAccess: t.exposeStringList("agentAccess", { nullable: true, description: "null: every agent of the tenant." }),
    headers: t.field({
      type: [HeaderView],
      description: "Headers sent with every request to it, values masked.",
      resolve: (server) => [...server.headers],
    }),
    authHeaderName: t.exposeString("authHeaderName", { description: "The header that carries the credential (Authorization unless set)." }),
    hasCredential: t.boolean({
      description: "Whether the server holds its own credential (TOKEN: the header value; JWT_PASSTHROUGH: its template).",
      resolve: (server) => server.credential !== null,
    }),
    credentialPreview: t.string({
      nullable: true,
      description: "The server's own credential, masked; null without one.",
      resolve: (server) => server.credential?.preview ?? null,
    }),
    oauthClientId: t.exposeString("oauthClientId", {
      nullable: true,
      description: "OAUTH2: the client registered by hand; null when the platform registers itself (RFC 7591).",
    }),
    hasOauthClientSecret: t.boolean({
      description: "OAUTH2: whether a client secret is stored (it is never shown).",
      resolve: (server) => server.oauthClientSecret !== null,
    }),
    oauthScopes: t.exposeStringList("oauthScopes", { nullable: true, description: "OAUTH2: the scopes requested when a user connects." }),
    toolsCacheEnabled: t.exposeBoolean("toolsCacheEnabled", {
      description: "Whether its tool list is served from a cache (kept fresh by refreshTools and the refresh job) instead of asked live.",
    }),
    toolsCachedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the cached tool list was last taken.",
      resolve: (server) => server.toolsCachedAt,
    }),
    status: t.expose("status", { type: ConnectionStatusEnum, description: "What the last check (validateMcpServer, refreshTools) found." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the last check failed; null after a success." }),
    lastValidatedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When it was last checked.",
      resolve: (server) => server.lastValidatedAt,
    }),
    skippedTools: t.field({
      type: [SkippedToolRef],
      description:
        "The tools its last listing could not use, and why (at most 100). Odd but usable tools are listed, mended: a schema without type object gets it, a description over TOOL_DESCRIPTION_MAX_BYTES is cut.",
      resolve: (server) => [...(server.skippedTools ?? [])],
    }),
    createdAt: t.field({ type: "DateTime", description: "When it was registered.", resolve: (server) => server.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "When it last changed.", resolve: (server) => server.updatedAt }),
    version: t.exposeInt("version", { description: "Pass as `expectedVersion` to update only what you read." }),
  }),
});

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0];

/** What both create and update may set (all optional here; create requires name and url). */
export const settableServerFields = (t: InputFields) => ({
  slug: t.string({ description: "Defaults to one derived from the name; kept when the server is renamed." }),
  description: t.string({ description: "What the server is for; at most 1000 characters." }),
  transport: t.field({ type: TransportEnum, description: "Default STREAMABLE_HTTP." }),
  authType: t.field({ type: ServerAuthTypeEnum, description: "Default NONE." }),
  visibility: t.field({ type: VisibilityEnum, description: "Default SHARED for admins, PRIVATE otherwise." }),
  isEnabled: t.boolean({ description: "Default true. A disabled server offers no tools." }),
  isFeatured: t.boolean({ description: "Shared servers only." }),
  agentAccess: t.stringList({ description: "null: every agent; otherwise at least one agent id." }),
  headers: t.field({ type: [HeaderInput], description: "Headers sent with every request to the server." }),
  credential: t.string({ description: "TOKEN servers: the full auth header value. Write-only." }),
  authHeaderName: t.string({ description: "Default Authorization." }),
  toolsCacheEnabled: t.boolean({ description: "Default false. Serve the tool list from a cache instead of asking the server live." }),
  oauthClientId: t.string({ description: "OAUTH2: a registered client; without one the platform registers itself (RFC 7591)." }),
  oauthClientSecret: t.string({ description: "OAUTH2: the client's secret. Write-only." }),
  oauthScopes: t.stringList({ description: "OAUTH2: scopes to request." }),
});

const CreateMcpServerInput = builder.inputType("CreateMcpServerInput", {
  description: "A remote MCP server to register. Members may create PRIVATE servers; SHARED ones need an admin.",
  fields: (t) => ({
    name: t.string({ required: true, description: "Display name." }),
    url: t.string({
      required: true,
      description: "The server's MCP endpoint: http(s), or ws(s) for WEBSOCKET. Its query values are stored as secrets.",
    }),
    ...settableServerFields(t),
  }),
});

const UpdateMcpServerInput = builder.inputType("UpdateMcpServerInput", {
  description:
    "The fields to change; omitted ones keep their values. A change of how it is reached (or a new secret) makes its status UNKNOWN until it is checked again, soon after.",
  fields: (t) => ({
    name: t.string({ description: "Display name." }),
    url: t.string({
      description:
        "The server's MCP endpoint. Its query as read (masked) keeps the stored values; any other query replaces them, and a masked value cannot be typed.",
    }),
    ...settableServerFields(t),
    expectedVersion: t.int({ description: "Refuse the update (CONFLICT) unless this is the stored version." }),
  }),
});

builder.queryFields((t) => ({
  mcpServer: t.field({
    type: McpServerRef,
    nullable: true,
    description: "One server the caller may see.",
    args: { id: t.arg.id({ required: true, description: "The server's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.servers.get(caller, id),
  }),
  mcpServers: t.field({
    type: [McpServerRef],
    description: "The servers the caller may see: shared ones and their own private ones.",
    deprecationReason: "Use mcpServersPage: a page at a time.",
    resolve: (_root, _args, { caller, services }) => services.servers.list(caller),
  }),
}));

builder.mutationFields((t) => ({
  createMcpServer: t.field({
    type: McpServerRef,
    description: "Registers a remote MCP server. It is checked soon after; its status is UNKNOWN until then.",
    args: { input: t.arg({ type: CreateMcpServerInput, required: true, description: "The server to register." }) },
    resolve: (_root, { input }, { caller, services }) => services.servers.create(caller, input),
  }),
  updateMcpServer: t.field({
    type: McpServerRef,
    description: "Changes a server: SHARED ones by admins, a PRIVATE one by its owner.",
    args: {
      id: t.arg.id({ required: true, description: "The server's id." }),
      input: t.arg({ type: UpdateMcpServerInput, required: true, description: "The fields to change." }),
    },
    resolve: (_root, { id, input }, { caller, services }) => services.servers.update(caller, id, input),
  }),
  deleteMcpServer: t.field({
    type: "Boolean",
    description:
      "Removes a server with its connections and tool settings (true once gone). A connector's generated server is removed with its connector.",
    args: { id: t.arg.id({ required: true, description: "The server's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.servers.delete(caller, id),
  }),
}));
