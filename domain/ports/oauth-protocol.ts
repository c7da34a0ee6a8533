import type { ClientMetadata } from "../oauth/client-metadata.js";

/** What discovery found: the authorization server and the resource (the MCP server's canonical URL). */
export interface AuthorizationServerInfo {
  /** The authorization server's issuer identifier, checked against its metadata (RFC 8414 section 3.3). */
  readonly authorizationServerUrl: string;
  /** RFC 8414 / OIDC metadata, as published. */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly resource: string;
}

/** Discovery, with what the MCP server itself said about scopes. */
export interface Discovery extends AuthorizationServerInfo {
  /** The `scope` of the server's 401 WWW-Authenticate challenge. */
  readonly challengedScope?: string;
  /** `scopes_supported` of its protected resource metadata (RFC 9728). */
  readonly resourceScopes?: readonly string[];
}

export interface OAuthClientCredentials {
  readonly clientId: string;
  readonly clientSecret?: string;
}

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Seconds from now. */
  readonly expiresIn?: number;
  readonly scope?: string;
}

/**
 * OAuth 2.1 as the platform speaks it to MCP servers' authorization servers. Every URL it
 * fetches goes through the outbound guard. A refresh token the server no longer honours fails
 * with `OAuthGrantRejected`; anything else is an UpstreamError.
 */
export interface OAuthProtocol {
  /** Asks the MCP server (unauthenticated) for its challenge, then its resource metadata, then its authorization server's. */
  discover(serverUrl: string): Promise<Discovery>;
  /** Dynamic client registration (RFC 7591) with the platform's metadata. */
  register(server: AuthorizationServerInfo, metadata: ClientMetadata): Promise<OAuthClientCredentials>;
  authorize(
    server: AuthorizationServerInfo,
    request: { client: OAuthClientCredentials; redirectUri: string; scope?: string; state: string },
  ): Promise<{ authorizationUrl: string; codeVerifier: string }>;
  exchange(
    server: AuthorizationServerInfo,
    request: { client: OAuthClientCredentials; code: string; codeVerifier: string; redirectUri: string },
  ): Promise<OAuthTokens>;
  refresh(server: AuthorizationServerInfo, request: { client: OAuthClientCredentials; refreshToken: string }): Promise<OAuthTokens>;
  /** Best effort (RFC 7009), where the server offers revocation. */
  revoke(server: AuthorizationServerInfo, request: { client: OAuthClientCredentials; token: string }): Promise<void>;
}
