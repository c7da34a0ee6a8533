import { exchangeAuthorization, refreshAuthorization, registerClient, startAuthorization } from "@modelcontextprotocol/sdk/client/auth.js";
import type { AuthorizationServerMetadata } from "@modelcontextprotocol/sdk/shared/auth.js";
import type { ClientMetadata } from "../../domain/oauth/client-metadata.js";
import { OAuthGrantRejected } from "../../domain/oauth/errors.js";
import type {
  AuthorizationServerInfo,
  Discovery,
  OAuthClientCredentials,
  OAuthProtocol,
  OAuthTokens,
} from "../../domain/ports/oauth-protocol.js";
import { UpstreamError } from "../../domain/shared/upstream-error.js";
import type { SafeFetch } from "../http/fetch-limits.js";
import { sanitizeUpstreamError } from "../mcp/sanitize-error.js";
import { discover } from "./discovery.js";

/**
 * OAuth 2.1 through the MCP SDK's `client/auth` helpers (protected resource metadata, RFC 8414
 * discovery, RFC 7591 registration, PKCE, RFC 8707 resource indicators), every request through
 * the safe fetch. Stricter than the SDK where the spec asks for it: S256 must be advertised.
 */
export class SdkOAuthProtocol implements OAuthProtocol {
  constructor(private readonly safeFetch: SafeFetch) {}

  discover(serverUrl: string): Promise<Discovery> {
    return this.guarded(() => discover(serverUrl, this.safeFetch));
  }

  async register(server: AuthorizationServerInfo, metadata: ClientMetadata): Promise<OAuthClientCredentials> {
    if (!server.metadata.registration_endpoint)
      throw new UpstreamError("protocol", "The authorization server offers no dynamic client registration; configure a client id.");
    const client = await this.guarded(() =>
      registerClient(server.authorizationServerUrl, {
        metadata: this.metadata(server),
        // Sent as given: the SDK's type lacks application_type (OIDC registration).
        clientMetadata: metadata as unknown as Parameters<typeof registerClient>[1]["clientMetadata"],
        fetchFn: this.safeFetch,
      }),
    );
    return { clientId: client.client_id, ...(client.client_secret ? { clientSecret: client.client_secret } : {}) };
  }

  async authorize(
    server: AuthorizationServerInfo,
    { client, redirectUri, scope, state }: { client: OAuthClientCredentials; redirectUri: string; scope?: string; state: string },
  ) {
    const { authorizationUrl, codeVerifier } = await this.guarded(() =>
      startAuthorization(server.authorizationServerUrl, {
        metadata: this.metadata(server),
        clientInformation: clientInformation(client),
        redirectUrl: redirectUri,
        state,
        resource: new URL(server.resource),
        ...(scope ? { scope } : {}),
      }),
    );
    return { authorizationUrl: authorizationUrl.href, codeVerifier };
  }

  exchange(
    server: AuthorizationServerInfo,
    {
      client,
      code,
      codeVerifier,
      redirectUri,
    }: { client: OAuthClientCredentials; code: string; codeVerifier: string; redirectUri: string },
  ) {
    return this.tokens(() =>
      exchangeAuthorization(server.authorizationServerUrl, {
        metadata: this.metadata(server),
        clientInformation: clientInformation(client),
        authorizationCode: code,
        codeVerifier,
        redirectUri,
        resource: new URL(server.resource),
        fetchFn: this.safeFetch,
      }),
    );
  }

  refresh(server: AuthorizationServerInfo, { client, refreshToken }: { client: OAuthClientCredentials; refreshToken: string }) {
    return this.tokens(() =>
      refreshAuthorization(server.authorizationServerUrl, {
        metadata: this.metadata(server),
        clientInformation: clientInformation(client),
        refreshToken,
        resource: new URL(server.resource),
        fetchFn: this.safeFetch,
      }),
    );
  }

  async revoke(server: AuthorizationServerInfo, { client, token }: { client: OAuthClientCredentials; token: string }): Promise<void> {
    const endpoint = server.metadata.revocation_endpoint;
    if (typeof endpoint !== "string") return;
    const body = new URLSearchParams({
      token,
      client_id: client.clientId,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    });
    await this.guarded(() =>
      this.safeFetch(endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }),
    );
  }

  private metadata(server: AuthorizationServerInfo) {
    return server.metadata as unknown as AuthorizationServerMetadata;
  }

  private async tokens(
    request: () => Promise<{ access_token: string; refresh_token?: string; expires_in?: number; scope?: string }>,
  ): Promise<OAuthTokens> {
    const tokens = await this.guarded(request);
    return {
      accessToken: tokens.access_token,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      ...(tokens.expires_in !== undefined ? { expiresIn: tokens.expires_in } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    };
  }

  /** SDK and network failures as safe UpstreamErrors; `invalid_grant` as the rejection it is. */
  private async guarded<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if ((error as { errorCode?: string }).errorCode === "invalid_grant") throw new OAuthGrantRejected();
      if (error instanceof UpstreamError) throw error;
      const sanitized = sanitizeUpstreamError(error);
      if (sanitized.kind !== "protocol") throw sanitized;
      throw new UpstreamError("protocol", "The authorization server answered unexpectedly.");
    }
  }
}

const clientInformation = ({ clientId, clientSecret }: OAuthClientCredentials) => ({
  client_id: clientId,
  ...(clientSecret ? { client_secret: clientSecret } : {}),
});
