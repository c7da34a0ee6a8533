import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export interface AuthorizationServerOptions {
  accessTokenTtlSeconds?: number;
  /** Advertise only `plain` PKCE (to test the refusal). */
  withoutS256?: boolean;
  /** The scopes an access token for the MCP server may carry (default `mcp:tools`). */
  resourceScopes?: string;
  /** The scopes the server knows and advertises (default openid, offline_access, mcp:tools). */
  scopes?: string[];
  /**
   * Accept client ID metadata documents, fetching them with this (the test maps the platform's
   * https PUBLIC_URL to its loopback server, as DNS and TLS would in production).
   */
  clientMetadataFetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/**
 * A real oidc-provider on loopback: dynamic registration, PKCE required, rotating refresh
 * tokens, resource indicators issuing JWT access tokens whose audience is the MCP server. It
 * counts token requests by grant type, and can revoke a refresh token's grant (invalid_grant).
 */
export async function startAuthorizationServer(options: AuthorizationServerOptions = {}) {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const tokenRequests: Record<string, number> = {};
  const registrations: Array<Record<string, unknown>> = [];

  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: "ES256", use: "sig", kid: "as-key" }] },
    features: {
      registration: { enabled: true },
      ...(options.clientMetadataFetch ? { clientIdMetadataDocument: { enabled: true, ack: "draft-02" } } : {}),
      revocation: { enabled: true },
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, requested?: string | string[]) => requested ?? undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: options.resourceScopes ?? "mcp:tools",
          audience: resource,
          accessTokenTTL: options.accessTokenTtlSeconds ?? 300,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "ES256" } },
        }),
      },
    },
    pkce: { required: () => true },
    scopes: options.scopes ?? ["openid", "offline_access", "mcp:tools"],
    ...(options.clientMetadataFetch ? { fetch: options.clientMetadataFetch } : {}),
    issueRefreshToken: async () => true,
    rotateRefreshToken: () => true,
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      id_token_signed_response_alg: "ES256",
    },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
  } as never);
  provider.proxy = false;
  const count = (grant: unknown, suffix = "") => {
    const key = `${typeof grant === "string" ? grant : "unknown"}${suffix}`;
    tokenRequests[key] = (tokenRequests[key] ?? 0) + 1;
  };
  provider.on("grant.success", (ctx) => count(ctx.oidc.params?.grant_type));
  provider.on("registration_create.success", (_ctx, client) => registrations.push(client.metadata() as Record<string, unknown>));
  provider.on("grant.error", (ctx) => count(ctx.oidc?.params?.grant_type, ":error"));
  const callback = provider.callback();
  http.on("request", (request, response) => {
    if (options.withoutS256 && request.url?.startsWith("/.well-known/")) {
      // Rewrite discovery so it advertises no S256.
      const end = response.end.bind(response);
      response.end = ((chunk?: unknown) => {
        if (typeof chunk === "string" || Buffer.isBuffer(chunk)) {
          const metadata = JSON.parse(chunk.toString());
          metadata.code_challenge_methods_supported = ["plain"];
          response.setHeader("content-length", Buffer.byteLength(JSON.stringify(metadata)));
          return end(JSON.stringify(metadata));
        }
        return end(chunk as never);
      }) as typeof response.end;
    }
    void callback(request, response);
  });

  return {
    issuer,
    provider,
    tokenRequests,
    registrations,
    jwksUrl: `${issuer}/jwks`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export type AuthorizationServer = Awaited<ReturnType<typeof startAuthorizationServer>>;
