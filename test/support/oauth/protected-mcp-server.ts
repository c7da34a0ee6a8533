import { createRemoteJWKSet, jwtVerify } from "jose";
import { startSdkServer } from "../mcp/sdk-server.js";
import type { AuthorizationServer } from "./authorization-server.js";

/**
 * An SDK-built MCP server protected by the authorization server: it publishes protected
 * resource metadata (RFC 9728), answers 401 with a WWW-Authenticate pointing at it, and accepts
 * only JWTs from that issuer whose audience is this server. It records which user each accepted
 * token belonged to.
 */
export async function startProtectedMcpServer(as: AuthorizationServer, options: { authorizationServers?: string[] } = {}) {
  const jwks = createRemoteJWKSet(new URL(as.jwksUrl));
  const acceptedSubjects: string[] = [];
  const seenTokens = new Set<string>();
  const revokedTokens = new Set<string>();
  let resource = "";
  let metadataUrl = "";
  const server = await startSdkServer({
    authorize: async (authorization) => {
      const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
      if (!token) return false;
      try {
        if (revokedTokens.has(token)) return false;
        const { payload } = await jwtVerify(token, jwks, { issuer: as.issuer, audience: resource });
        acceptedSubjects.push(String(payload.sub));
        seenTokens.add(token);
        return true;
      } catch {
        return false;
      }
    },
    challenge: () => `Bearer resource_metadata="${metadataUrl}"`,
    wellKnown: (path) =>
      path.startsWith("/.well-known/oauth-protected-resource")
        ? {
            resource,
            authorization_servers: options.authorizationServers ?? [as.issuer],
            scopes_supported: ["mcp:tools"],
            bearer_methods_supported: ["header"],
          }
        : undefined,
  });
  resource = server.url;
  metadataUrl = `${new URL(server.url).origin}/.well-known/oauth-protected-resource/mcp`;
  return {
    ...server,
    resource,
    acceptedSubjects,
    /** Refuses every token accepted so far (as if they were revoked): the next request gets a 401. */
    rejectTokensSeenSoFar: () => seenTokens.forEach((token) => revokedTokens.add(token)),
  };
}
