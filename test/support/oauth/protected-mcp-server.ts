import { createRemoteJWKSet, jwtVerify } from "jose";
import { startSdkServer } from "../mcp/sdk-server.js";
import type { AuthorizationServer } from "./authorization-server.js";

export interface ProtectedServerOptions {
  /** The authorization servers its resource metadata names (default: the one given). */
  authorizationServers?: string[];
  /** `scopes_supported` of its resource metadata; null leaves it out. */
  scopesSupported?: string[] | null;
  /** A `scope` in its 401 challenge. */
  challengeScope?: string;
}

/**
 * An SDK-built MCP server protected by the authorization server: it publishes protected
 * resource metadata (RFC 9728), answers 401 with a WWW-Authenticate pointing at it, and accepts
 * only JWTs from that issuer whose audience is this server. It records which user each accepted
 * token belonged to, and can demand a scope (a 403 insufficient_scope: step-up).
 */
export async function startProtectedMcpServer(as: AuthorizationServer, options: ProtectedServerOptions = {}) {
  const jwks = createRemoteJWKSet(new URL(as.jwksUrl));
  const acceptedSubjects: string[] = [];
  const seenTokens = new Set<string>();
  const revokedTokens = new Set<string>();
  let requiredScope: string | undefined;
  let rejectAll = false;
  let authorizationServers = options.authorizationServers ?? [as.issuer];
  let resource = "";
  let metadataUrl = "";
  const server = await startSdkServer({
    authorize: async (authorization) => {
      const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
      if (!token || revokedTokens.has(token) || rejectAll) return false;
      const verified = await jwtVerify(token, jwks, { issuer: as.issuer, audience: resource }).catch(() => undefined);
      if (!verified) return false;
      const scopes = typeof verified.payload.scope === "string" ? verified.payload.scope.split(" ") : [];
      if (requiredScope && !scopes.includes(requiredScope)) {
        return {
          status: 403,
          challenge: `Bearer error="insufficient_scope", scope="${requiredScope}", resource_metadata="${metadataUrl}"`,
        };
      }
      acceptedSubjects.push(String(verified.payload.sub));
      seenTokens.add(token);
      return true;
    },
    challenge: () => `Bearer resource_metadata="${metadataUrl}"${options.challengeScope ? `, scope="${options.challengeScope}"` : ""}`,
    wellKnown: (path) =>
      path.startsWith("/.well-known/oauth-protected-resource")
        ? {
            resource,
            authorization_servers: authorizationServers,
            ...(options.scopesSupported === null ? {} : { scopes_supported: options.scopesSupported ?? ["mcp:tools"] }),
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
    /** Refuses every token from now on, fresh ones too: the user's grant is as good as gone. */
    rejectEveryToken: () => {
      rejectAll = true;
    },
    /** Names other authorization servers in its resource metadata from now on (it moved). */
    moveTo: (issuers: string[]) => {
      authorizationServers = issuers;
    },
    /** From now on, tokens without `scope` get a 403 insufficient_scope. */
    requireScope: (scope: string | undefined) => {
      requiredScope = scope;
    },
  };
}
