import type { Connection } from "../connections/connection.js";
import { connectionId } from "../connections/connection.js";
import type { OAuthTokens } from "../ports/oauth-protocol.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import { firstVersion } from "../shared/versioning.js";

const expiry = (tokens: OAuthTokens, now: Date) =>
  tokens.expiresIn !== undefined ? new Date(now.getTime() + tokens.expiresIn * 1000).toISOString() : null;

const scopesOf = (tokens: OAuthTokens) => (tokens.scope ? tokens.scope.split(" ").filter(Boolean) : null);

/** A user's OAuth connection to a server, holding freshly issued tokens (sealed). */
export async function oauthConnection(
  secrets: Secrets,
  { server, userId, issuer, requested }: { server: McpServer; userId: string; issuer: string; requested: string | null },
  tokens: OAuthTokens,
  now: Date,
): Promise<Connection> {
  const id = connectionId({ serverId: server.id, scope: "USER", subject: userId });
  const slots = secretSlots.connection(server.tenantId, id);
  return {
    tenantId: server.tenantId,
    id,
    serverId: server.id,
    scope: "USER",
    userId,
    agentId: null,
    authorizationScheme: "Bearer",
    credential: await secrets.seal(slots.credential, tokens.accessToken),
    refreshToken: tokens.refreshToken ? await secrets.seal(slots.refreshToken, tokens.refreshToken) : null,
    scopes: scopesOf(tokens),
    oauthIssuer: issuer,
    requestedScopes: requested ? requested.split(" ") : null,
    requiredScopes: null,
    headerName: "Authorization",
    extraHeaders: [],
    isActive: true,
    status: "CONNECTED",
    expiresAt: expiry(tokens, now),
    createdBy: userId,
    ...firstVersion(now.toISOString()),
  };
}

/** The same connection after a refresh: new access token, the rotated refresh token if one came. */
export async function refreshedConnection(secrets: Secrets, current: Connection, tokens: OAuthTokens, now: Date): Promise<Connection> {
  const slots = secretSlots.connection(current.tenantId, current.id);
  return {
    ...current,
    credential: await secrets.seal(slots.credential, tokens.accessToken),
    refreshToken: tokens.refreshToken ? await secrets.seal(slots.refreshToken, tokens.refreshToken) : current.refreshToken,
    scopes: scopesOf(tokens) ?? current.scopes,
    status: "CONNECTED",
    expiresAt: expiry(tokens, now),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
}
