import type { Connection } from "../../domain/connections/connection.js";
import type { ConnectionResolution } from "../../domain/connections/resolve-connection.js";
import { actAs } from "../../domain/access/actor.js";
import { builder } from "../builder.js";
import { ConnectionScopeEnum, ConnectionStatusEnum, ResolutionSourceEnum } from "./enums.js";
import { HeaderInput, HeaderView } from "./header.js";
import { McpServerRef } from "./mcp-server.js";

export const ConnectionRef = builder.objectRef<Connection>("Connection").implement({
  description: "A server bound to a scope (the tenant, an agent or a user) with the credential to send. Secrets are write-only.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The connection's id." }),
    serverId: t.exposeID("serverId", { description: "The server it connects to." }),
    scope: t.expose("scope", { type: ConnectionScopeEnum, description: "Whose it is: the tenant, an agent or a user." }),
    userId: t.exposeString("userId", { nullable: true, description: "USER: the user it belongs to." }),
    agentId: t.exposeString("agentId", { nullable: true, description: "AGENT: the agent it belongs to." }),
    authorizationScheme: t.exposeString("authorizationScheme", {
      nullable: true,
      description: "Sent before the credential (`Bearer`, `Token` ...); null: the credential is the full header value.",
    }),
    headerName: t.exposeString("headerName", { description: "The header that carries the credential." }),
    hasCredential: t.boolean({
      description: "Whether it holds a credential (for OAUTH2: the user's access token).",
      resolve: (connection) => connection.credential !== null,
    }),
    credentialPreview: t.string({
      nullable: true,
      description: "The credential, masked; null without one.",
      resolve: (connection) => connection.credential?.preview ?? null,
    }),
    extraHeaders: t.field({
      type: [HeaderView],
      description: "Headers sent with its calls besides the credential, replacing the server's headers of the same name.",
      resolve: (connection) => [...connection.extraHeaders],
    }),
    fields: t.field({
      type: [HeaderView],
      description: "A connector's credential fields (name: the field key), write-only: only a preview of each.",
      resolve: (connection) => [...(connection.fields ?? [])],
    }),
    isActive: t.exposeBoolean("isActive", {
      description: "An inactive connection is kept but never used: calls fall through to the next scope.",
    }),
    status: t.expose("status", {
      type: ConnectionStatusEnum,
      description:
        "OAUTH2: CONNECTED, or RECONNECT_REQUIRED once its tokens are refused. Other connections read UNKNOWN (see the server's status).",
    }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "OAUTH2: when the access token expires; null when unknown or for stored tokens.",
      resolve: (connection) => connection.expiresAt,
    }),
    createdBy: t.exposeString("createdBy", { description: "The user who created it." }),
    createdAt: t.field({ type: "DateTime", description: "When it was created.", resolve: (connection) => connection.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "When it last changed.", resolve: (connection) => connection.updatedAt }),
    version: t.exposeInt("version", { description: "Pass as `expectedVersion` to update only what you read." }),
  }),
});

const ConnectionResolutionRef = builder.objectRef<ConnectionResolution>("ConnectionResolution").implement({
  description: "Which credential a call would use, and why (e.g. why it fell back to the platform connection).",
  fields: (t) => ({
    source: t.expose("source", { type: ResolutionSourceEnum, description: "Where the credential would come from." }),
    connectionId: t.id({
      nullable: true,
      description: "The connection used; null for SERVER_CREDENTIAL and NONE.",
      resolve: (resolution) => resolution.connection?.id ?? null,
    }),
    usable: t.exposeBoolean("usable", {
      description: "Whether a call could be made with it (a TOKEN server without any credential cannot).",
    }),
    explanation: t.exposeString("explanation", {
      description: "A sentence for people: the outcome, and which candidates were absent or skipped, in the order tried.",
    }),
  }),
});

builder.objectFields(McpServerRef, (t) => ({
  connections: t.field({
    type: [ConnectionRef],
    description: "Admins see every connection; members see their own USER connections.",
    deprecationReason: "Use connectionsPage: a page at a time.",
    resolve: (server, _args, { caller, services }) => services.connections.listForServer(caller, server),
  }),
  connectionResolution: t.field({
    type: ConnectionResolutionRef,
    description: "Which credential the caller's calls (for an agent) would use now, and why.",
    args: { agentId: t.arg.string({ description: "Default: the agent named in the caller's token." }) },
    resolve: async (server, { agentId }, { caller, services }) =>
      (await services.grants.forServer(actAs(caller, agentId), server)).resolution,
  }),
}));

const credentialFields = {
  authorizationScheme: "`Bearer`, `Token` ...: sent before the credential. Omit to send the credential as the full header value.",
  credential: "Write-only: stored encrypted, shown only as hasCredential and a preview.",
  headerName: "Default: the server's auth header name (Authorization unless set).",
};

const CreateConnectionInput = builder.inputType("CreateConnectionInput", {
  description:
    "A credential for a server in one scope. A server has at most one connection per scope and subject; PLATFORM and AGENT ones need an admin.",
  fields: (t) => ({
    serverId: t.id({ required: true, description: "The server to connect to." }),
    scope: t.field({ type: ConnectionScopeEnum, required: true, description: "Whose connection: the tenant, an agent or a user." }),
    userId: t.string({ description: "USER: whose connection (default: the caller; others need admin)." }),
    agentId: t.string({ description: "AGENT: required." }),
    authorizationScheme: t.string({ description: credentialFields.authorizationScheme }),
    credential: t.string({ description: credentialFields.credential }),
    headerName: t.string({ description: credentialFields.headerName }),
    extraHeaders: t.field({ type: [HeaderInput], description: "Headers sent with its calls besides the credential." }),
    fields: t.field({
      type: [HeaderInput],
      description: "A connector's credential fields: name is the field key (api_key, username, password).",
    }),
    isActive: t.boolean({ description: "Default true." }),
  }),
});

const UpdateConnectionInput = builder.inputType("UpdateConnectionInput", {
  description: "The fields to change; omitted ones keep their values. Update a connection to rotate its credential.",
  fields: (t) => ({
    authorizationScheme: t.string({ description: credentialFields.authorizationScheme }),
    credential: t.string({ description: credentialFields.credential }),
    headerName: t.string({ description: credentialFields.headerName }),
    extraHeaders: t.field({ type: [HeaderInput], description: "Headers sent with its calls besides the credential." }),
    fields: t.field({
      type: [HeaderInput],
      description: "A connector's credential fields: name is the field key (api_key, username, password).",
    }),
    isActive: t.boolean({ description: "false: keep it but stop using it." }),
    expectedVersion: t.int({ description: "Refuse the update (CONFLICT) unless this is the stored version." }),
  }),
});

builder.mutationFields((t) => ({
  createConnection: t.field({
    type: ConnectionRef,
    description: "Stores a credential for a server in one scope. OAUTH2 servers are connected with startOAuth instead.",
    args: { input: t.arg({ type: CreateConnectionInput, required: true, description: "The connection to create." }) },
    resolve: (_root, { input }, { caller, services }) => services.connections.create(caller, input),
  }),
  updateConnection: t.field({
    type: ConnectionRef,
    description: "Changes a connection: the user's own USER one, or (admins) any.",
    args: {
      id: t.arg.id({ required: true, description: "The connection's id." }),
      input: t.arg({ type: UpdateConnectionInput, required: true, description: "The fields to change." }),
    },
    resolve: (_root, { id, input }, { caller, services }) => services.connections.update(caller, id, input),
  }),
  deleteConnection: t.field({
    type: "Boolean",
    description: "Removes a connection (true once gone); calls fall through to the next scope.",
    args: { id: t.arg.id({ required: true, description: "The connection's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.connections.delete(caller, id),
  }),
}));
