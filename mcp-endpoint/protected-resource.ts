import {
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
} from "@modelcontextprotocol/server";

export const PROTECTED_RESOURCE_PREFIX = "/.well-known/oauth-protected-resource";

/**
 * RFC 9728 metadata for an MCP endpoint (`/mcp`, or one server's): which resource it is and
 * which authorization server issues its tokens, so a client that was refused knows where to
 * get one. Public and cacheable: it says nothing about any caller.
 */
export function protectedResourceMetadata(resource: URL, authorizationServer: string | undefined): Response {
  const document = {
    resource: resource.href,
    ...(authorizationServer ? { authorization_servers: [authorizationServer] } : {}),
    bearer_methods_supported: ["header"],
    resource_name: "MCP connector control plane",
  };
  return new Response(JSON.stringify(document), {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=3600" },
  });
}

/** A refused bearer token: 401 with `WWW-Authenticate: Bearer error="invalid_token", resource_metadata="..."`. */
export function unauthenticated(resource: URL, message: string): Response {
  return bearerAuthChallengeResponse(new OAuthError(OAuthErrorCode.InvalidToken, message), {
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resource),
  });
}
