import { discoverOAuthServerInfo, extractWWWAuthenticateParams } from "@modelcontextprotocol/sdk/client/auth.js";
import { resourceUrlFromServerUrl } from "@modelcontextprotocol/sdk/shared/auth-utils.js";
import type { Discovery } from "../../domain/ports/oauth-protocol.js";
import { UpstreamError } from "../../domain/shared/upstream-error.js";
import type { SafeFetch } from "../http/fetch-limits.js";

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "mcp-connector-control-plane", version: "0.1.0" } },
});

const withoutSlash = (url: string) => url.replace(/\/$/, "");

/** What the server says to a request without a token: its 401 challenge's scope and resource metadata URL. */
async function challengeOf(serverUrl: string, safeFetch: SafeFetch): Promise<{ scope?: string; resourceMetadataUrl?: URL }> {
  const response = await safeFetch(serverUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
    body: INITIALIZE,
  }).catch(() => undefined);
  if (!response) return {};
  await response.body?.cancel();
  if (response.status !== 401) return {};
  const { scope, resourceMetadataUrl } = extractWWWAuthenticateParams(response);
  return { ...(scope ? { scope } : {}), ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}) };
}

/**
 * The MCP authorization spec's discovery: the server's 401 challenge (scope, resource metadata
 * URL), its protected resource metadata (RFC 9728), its authorization server's metadata (RFC
 * 8414 / OIDC). Refused: metadata whose `issuer` is not the server it came from, no PKCE S256,
 * a non-http(s) authorization endpoint.
 */
export async function discover(serverUrl: string, safeFetch: SafeFetch): Promise<Discovery> {
  const challenge = await challengeOf(serverUrl, safeFetch);
  const info = await discoverOAuthServerInfo(serverUrl, {
    fetchFn: safeFetch,
    ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
  });
  const metadata = info.authorizationServerMetadata;
  if (!metadata) throw new UpstreamError("protocol", "The authorization server publishes no metadata.");
  if (withoutSlash(metadata.issuer) !== withoutSlash(info.authorizationServerUrl)) {
    throw new UpstreamError("protocol", "The authorization server's metadata names another issuer.");
  }
  if (!(metadata.code_challenge_methods_supported ?? []).includes("S256")) {
    throw new UpstreamError("protocol", "The authorization server does not advertise PKCE with S256.");
  }
  if (!/^https?:$/.test(new URL(metadata.authorization_endpoint).protocol)) {
    throw new UpstreamError("protocol", "The authorization endpoint is not an http(s) URL.");
  }
  return {
    authorizationServerUrl: withoutSlash(metadata.issuer),
    metadata,
    resource: resourceUrlFromServerUrl(serverUrl).href,
    ...(challenge.scope ? { challengedScope: challenge.scope } : {}),
    ...(info.resourceMetadata?.scopes_supported ? { resourceScopes: info.resourceMetadata.scopes_supported } : {}),
  };
}
