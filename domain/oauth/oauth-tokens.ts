import type { Connection } from "../connections/connection.js";
import { connectionId, connectionRecord } from "../connections/connection.js";
import type { OAuthTokens } from "../ports/oauth-protocol.js";
import type { SecretCipher } from "../ports/secret-cipher.js";
import { seal } from "../secrets/sealed-secret.js";
import type { McpServer } from "../servers/server.js";
import { CREDENTIAL_FIELD } from "../servers/server.js";
import { firstVersion } from "../shared/versioning.js";

export const REFRESH_TOKEN_FIELD = "refresh-token";

const expiry = (tokens: OAuthTokens, now: Date) =>
  tokens.expiresIn !== undefined ? new Date(now.getTime() + tokens.expiresIn * 1000).toISOString() : null;

/** A user's OAuth connection to a server, holding freshly issued tokens (sealed). */
export async function oauthConnection(
  cipher: SecretCipher,
  server: McpServer,
  userId: string,
  tokens: OAuthTokens,
  now: Date,
): Promise<Connection> {
  const id = connectionId({ serverId: server.id, scope: "USER", subject: userId });
  const where = { tenant: server.tenantId, record: connectionRecord(id) };
  return {
    tenantId: server.tenantId,
    id,
    serverId: server.id,
    scope: "USER",
    userId,
    agentId: null,
    authorizationScheme: "Bearer",
    credential: await seal(cipher, tokens.accessToken, { ...where, field: CREDENTIAL_FIELD }),
    refreshToken: tokens.refreshToken ? await seal(cipher, tokens.refreshToken, { ...where, field: REFRESH_TOKEN_FIELD }) : null,
    scopes: tokens.scope ? tokens.scope.split(" ").filter(Boolean) : null,
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
export async function refreshedConnection(cipher: SecretCipher, current: Connection, tokens: OAuthTokens, now: Date): Promise<Connection> {
  const where = { tenant: current.tenantId, record: connectionRecord(current.id) };
  return {
    ...current,
    credential: await seal(cipher, tokens.accessToken, { ...where, field: CREDENTIAL_FIELD }),
    refreshToken: tokens.refreshToken
      ? await seal(cipher, tokens.refreshToken, { ...where, field: REFRESH_TOKEN_FIELD })
      : current.refreshToken,
    scopes: tokens.scope ? tokens.scope.split(" ").filter(Boolean) : current.scopes,
    status: "CONNECTED",
    expiresAt: expiry(tokens, now),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
}
