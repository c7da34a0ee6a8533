/** What discovery found: the authorization server and the resource (the MCP server's canonical URL). */
export interface AuthorizationServerInfo {
  readonly authorizationServerUrl: string;
  /** RFC 8414 / OIDC metadata, as published. */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly resource: string;
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
  discover(serverUrl: string): Promise<AuthorizationServerInfo>;
  register(server: AuthorizationServerInfo, request: { redirectUri: string; scope?: string }): Promise<OAuthClientCredentials>;
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
