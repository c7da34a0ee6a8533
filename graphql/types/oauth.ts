import { actAs } from "../../domain/access/actor.js";
import { type ConnectorStatus, connectorStatuses } from "../../domain/access/connector-status.js";
import { builder } from "../builder.js";
import { ConnectionStatusEnum } from "./enums.js";
import { McpServerRef } from "./mcp-server.js";

const OAuthStartRef = builder.objectRef<{ authorizationUrl: string }>("OAuthStart").implement({
  description: "The first step of connecting an account to an OAUTH2 server.",
  fields: (t) => ({
    authorizationUrl: t.exposeString("authorizationUrl", {
      description: "Send the user's browser here; it comes back to /oauth/callback.",
    }),
  }),
});

const ConnectorStatusRef = builder.objectRef<ConnectorStatus>("ConnectorStatus").implement({
  description: "Whether one server the caller may use is connected for them: a chat header's green or red dot.",
  fields: (t) => ({
    server: t.field({ type: McpServerRef, description: "The server.", resolve: (status) => status.server }),
    status: t.expose("status", {
      type: ConnectionStatusEnum,
      description: "CONNECTED, NOT_CONNECTED, RECONNECT_REQUIRED, ERROR, or UNKNOWN when nobody has checked it as it is now.",
    }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the connection's access token expires, where known.",
      resolve: (status) => status.expiresAt,
    }),
  }),
});

builder.queryFields((t) => ({
  connectorStatuses: t.field({
    type: [ConnectorStatusRef],
    description: "Per server the caller may use: CONNECTED, NOT_CONNECTED (OAuth, no tokens yet), RECONNECT_REQUIRED or ERROR.",
    args: { agentId: t.arg.string({ description: "Default: the agent in the token." }) },
    resolve: async (_root, { agentId }, { caller, services }) => connectorStatuses(await services.grants.all(actAs(caller, agentId))),
  }),
}));

builder.mutationFields((t) => ({
  startOAuth: t.field({
    type: OAuthStartRef,
    description:
      "Begins connecting the caller's own account to an OAUTH2 server (PKCE S256, state valid 10 minutes, single use). The browser comes back through GET /oauth/callback to `returnTo` with state, code and iss; the frontend then calls completeOAuth as the same user.",
    args: {
      serverId: t.arg.id({ required: true, description: "The OAUTH2 server to connect to." }),
      returnTo: t.arg.string({ description: "Where to send the browser afterwards; its origin must be in OAUTH_RETURN_ORIGINS." }),
    },
    resolve: (_root, { serverId, returnTo }, { caller, services }) => services.oauth.start(caller, serverId, returnTo),
  }),
  completeOAuth: t.field({
    type: McpServerRef,
    description:
      "Finishes connecting the caller's account: the frontend calls it with the parameters GET /oauth/callback forwarded to `returnTo` (state, code, iss). Only the user who started the sign-in can complete it.",
    args: {
      state: t.arg.string({ required: true, description: "The `state` forwarded to `returnTo`." }),
      code: t.arg.string({ required: true, description: "The `code` forwarded to `returnTo`." }),
      iss: t.arg.string({ description: "The authorization response's issuer (RFC 9207), when it sent one." }),
    },
    resolve: (_root, args, { caller, services }) => services.oauth.complete(caller, args),
  }),
  disconnectOAuth: t.field({
    type: "Boolean",
    description: "Removes the caller's tokens for the server, revoking them where the server supports it.",
    args: { serverId: t.arg.id({ required: true, description: "The OAUTH2 server to disconnect from." }) },
    resolve: (_root, { serverId }, { caller, services }) => services.oauth.disconnect(caller, serverId),
  }),
}));
