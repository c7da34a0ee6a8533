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
    id: t.exposeID("id"),
    serverId: t.exposeID("serverId"),
    scope: t.expose("scope", { type: ConnectionScopeEnum }),
    userId: t.exposeString("userId", { nullable: true }),
    agentId: t.exposeString("agentId", { nullable: true }),
    authorizationScheme: t.exposeString("authorizationScheme", { nullable: true }),
    headerName: t.exposeString("headerName"),
    hasCredential: t.boolean({ resolve: (connection) => connection.credential !== null }),
    credentialPreview: t.string({ nullable: true, resolve: (connection) => connection.credential?.preview ?? null }),
    extraHeaders: t.field({ type: [HeaderView], resolve: (connection) => [...connection.extraHeaders] }),
    fields: t.field({
      type: [HeaderView],
      description: "A connector's credential fields (name: the field key), write-only: only a preview of each.",
      resolve: (connection) => [...(connection.fields ?? [])],
    }),
    isActive: t.exposeBoolean("isActive"),
    status: t.expose("status", { type: ConnectionStatusEnum }),
    expiresAt: t.field({ type: "DateTime", nullable: true, resolve: (connection) => connection.expiresAt }),
    createdBy: t.exposeString("createdBy"),
    createdAt: t.field({ type: "DateTime", resolve: (connection) => connection.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (connection) => connection.updatedAt }),
    version: t.exposeInt("version"),
  }),
});

const ConnectionResolutionRef = builder.objectRef<ConnectionResolution>("ConnectionResolution").implement({
  description: "Which credential a call would use, and why (e.g. why it fell back to the platform connection).",
  fields: (t) => ({
    source: t.expose("source", { type: ResolutionSourceEnum }),
    connectionId: t.id({ nullable: true, resolve: (resolution) => resolution.connection?.id ?? null }),
    usable: t.exposeBoolean("usable"),
    explanation: t.exposeString("explanation"),
  }),
});

builder.objectFields(McpServerRef, (t) => ({
  connections: t.field({
    type: [ConnectionRef],
    description: "Admins see every connection; members see their own USER connections.",
    resolve: (server, _args, { caller, services }) => services.connections.listForServer(caller, server),
  }),
  connectionResolution: t.field({
    type: ConnectionResolutionRef,
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
  fields: (t) => ({
    serverId: t.id({ required: true }),
    scope: t.field({ type: ConnectionScopeEnum, required: true }),
    userId: t.string({ description: "USER: whose connection (default: the caller; others need admin)." }),
    agentId: t.string({ description: "AGENT: required." }),
    authorizationScheme: t.string({ description: credentialFields.authorizationScheme }),
    credential: t.string({ description: credentialFields.credential }),
    headerName: t.string({ description: credentialFields.headerName }),
    extraHeaders: t.field({ type: [HeaderInput] }),
    fields: t.field({
      type: [HeaderInput],
      description: "A connector's credential fields: name is the field key (api_key, username, password).",
    }),
    isActive: t.boolean({ description: "Default true." }),
  }),
});

const UpdateConnectionInput = builder.inputType("UpdateConnectionInput", {
  fields: (t) => ({
    authorizationScheme: t.string({ description: credentialFields.authorizationScheme }),
    credential: t.string({ description: credentialFields.credential }),
    headerName: t.string({ description: credentialFields.headerName }),
    extraHeaders: t.field({ type: [HeaderInput] }),
    fields: t.field({
      type: [HeaderInput],
      description: "A connector's credential fields: name is the field key (api_key, username, password).",
    }),
    isActive: t.boolean(),
    expectedVersion: t.int({ description: "Refuse the update (CONFLICT) unless this is the stored version." }),
  }),
});

builder.mutationFields((t) => ({
  createConnection: t.field({
    type: ConnectionRef,
    args: { input: t.arg({ type: CreateConnectionInput, required: true }) },
    resolve: (_root, { input }, { caller, services }) => services.connections.create(caller, input),
  }),
  updateConnection: t.field({
    type: ConnectionRef,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateConnectionInput, required: true }) },
    resolve: (_root, { id, input }, { caller, services }) => services.connections.update(caller, id, input),
  }),
  deleteConnection: t.field({
    type: "Boolean",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.connections.delete(caller, id),
  }),
}));
