import { actAs } from "../../domain/access/actor.js";
import { type ConnectorStatus, connectorStatuses } from "../../domain/access/connector-status.js";
import { builder } from "../builder.js";
import { ConnectionStatusEnum } from "./enums.js";
import { McpServerRef } from "./mcp-server.js";

const OAuthStartRef = builder.objectRef<{ authorizationUrl: string }>("OAuthStart").implement({
  fields: (t) => ({
    authorizationUrl: t.exposeString("authorizationUrl", {
      description: "Send the user's browser here; it comes back to /oauth/callback.",
    }),
  }),
});

const ConnectorStatusRef = builder.objectRef<ConnectorStatus>("ConnectorStatus").implement({
  fields: (t) => ({
    server: t.field({ type: McpServerRef, resolve: (status) => status.server }),
    status: t.expose("status", { type: ConnectionStatusEnum }),
    expiresAt: t.field({ type: "DateTime", nullable: true, resolve: (status) => status.expiresAt }),
  }),
});

builder.queryFields((t) => ({
  connectorStatuses: t.field({
    type: [ConnectorStatusRef],
    description: "Per server the caller may use: CONNECTED, NOT_CONNECTED (OAuth, no tokens yet), RECONNECT_REQUIRED or ERROR.",
    args: { agentId: t.arg.string() },
    resolve: async (_root, { agentId }, { caller, services }) => connectorStatuses(await services.grants.all(actAs(caller, agentId))),
  }),
}));

builder.mutationFields((t) => ({
  startOAuth: t.field({
    type: OAuthStartRef,
    description:
      "Begins connecting the caller's own account to an OAUTH2 server (PKCE S256, state valid 10 minutes, single use). The browser comes back through GET /oauth/callback to `returnTo` with state, code and iss; the frontend then calls completeOAuth as the same user.",
    args: {
      serverId: t.arg.id({ required: true }),
      returnTo: t.arg.string({ description: "Where to send the browser afterwards; its origin must be in OAUTH_RETURN_ORIGINS." }),
    },
    resolve: (_root, { serverId, returnTo }, { caller, services }) => services.oauth.start(caller, serverId, returnTo),
  }),
  completeOAuth: t.field({
    type: McpServerRef,
    description:
      "Finishes connecting the caller's account: the frontend calls it with the parameters GET /oauth/callback forwarded to `returnTo` (state, code, iss). Only the user who started the sign-in can complete it.",
    args: {
      state: t.arg.string({ required: true }),
      code: t.arg.string({ required: true }),
      iss: t.arg.string({ description: "The authorization response's issuer (RFC 9207), when it sent one." }),
    },
    resolve: (_root, args, { caller, services }) => services.oauth.complete(caller, args),
  }),
  disconnectOAuth: t.field({
    type: "Boolean",
    description: "Removes the caller's tokens for the server, revoking them where the server supports it.",
    args: { serverId: t.arg.id({ required: true }) },
    resolve: (_root, { serverId }, { caller, services }) => services.oauth.disconnect(caller, serverId),
  }),
}));
