import type { Actor } from "../access/actor.js";
import type { Grant } from "../access/grant-rule.js";
import type { Connection } from "../connections/connection.js";
import type { ResolutionSource } from "../connections/resolve-connection.js";
import type { OAuthTokenRefresh } from "../oauth/oauth-token-refresh.js";
import type { ForwardedMethod, McpConnector, McpTarget, McpToolResult, UpstreamRelay } from "../ports/mcp-connector.js";
import type { Secrets } from "../secrets/secrets.js";
import type { KnownProtocol } from "../servers/server.js";
import { openServerUrl } from "../servers/url-query.js";
import { notFound } from "../shared/errors.js";
import { UpstreamError } from "../shared/upstream-error.js";
import type { IdentityTokens } from "../identity/identity-tokens.js";
import type { HeaderRenderer, RenderContext } from "./render-headers.js";

export interface UpstreamDeps {
  headers: HeaderRenderer;
  /** Opens a server URL's sealed query, for the request alone. */
  secrets: Secrets;
  tokens: Pick<OAuthTokenRefresh, "fresh" | "refresh" | "requireReconnect">;
  identity: Pick<IdentityTokens, "mint">;
  connector: McpConnector;
}

/** Opens sessions with upstream MCP servers: the one way any part of the platform reaches one. */
export class Upstream {
  constructor(private readonly deps: UpstreamDeps) {}

  /** A session with the grant's server, as the actor, with the credential the grant resolved. */
  session(actor: Actor, grant: Grant): UpstreamSession {
    return new UpstreamSession(this.deps, actor, grant);
  }
}

/**
 * Requests to one server for one actor (compare the MCP SDK's `withOAuth` fetch middleware):
 * it renders the headers, keeps an OAuth connection's tokens fresh, and after a 401 from an
 * OAuth server refreshes once and retries once. A grant the actor cannot reach the server with
 * is an UpstreamError before anything is sent.
 */
export class UpstreamSession {
  private connection: Connection | null;

  constructor(
    private readonly deps: UpstreamDeps,
    private readonly actor: Actor,
    private readonly grant: Grant,
  ) {
    this.connection = grant.resolution.connection;
  }

  /** Whose credential the session sends (USER, AGENT, PLATFORM, SERVER_CREDENTIAL, NONE), for the audit. */
  get source(): ResolutionSource {
    return this.grant.resolution.source;
  }

  /** The tools as listed, unchecked (see McpConnector.listTools). */
  listTools(): Promise<unknown[]> {
    return this.run((target) => this.deps.connector.listTools(target));
  }

  callTool(
    name: string,
    args: Record<string, unknown>,
    options: { timeoutMs?: number; relay?: UpstreamRelay } = {},
  ): Promise<McpToolResult> {
    return this.run((target) => this.deps.connector.callTool(target, name, args, options));
  }

  /** A request passed through as it is (a per-server proxy's resources, prompts and completions). */
  forward(method: ForwardedMethod, params: Record<string, unknown>, relay?: UpstreamRelay): Promise<Record<string, unknown>> {
    return this.run((target) => this.deps.connector.forward(target, method, params, relay ? { relay } : {}));
  }

  /** The server's own proof that the credential works, where it has one (a connector's test endpoint). */
  verify(): Promise<void> {
    return this.run(async (target) => this.deps.connector.verify?.(target));
  }

  /** What the server declared it can do (resources, prompts, completions, logging). */
  capabilities(): Promise<Record<string, unknown>> {
    return this.run((target) => this.deps.connector.capabilities(target));
  }

  /**
   * What the server's endpoint was found to speak by the sessions of this process, if it has been
   * reached: under the URL as stored (its query masked), as it is recorded on the server.
   */
  async knownProtocol(): Promise<KnownProtocol | undefined> {
    const { server } = this.grant;
    const known = this.deps.connector.protocolOf?.(await openServerUrl(this.deps.secrets, server));
    return known && { ...known, url: server.url };
  }

  /** Where, and with which headers, the next request goes (an OAuth token due for refresh is refreshed first). */
  async target(): Promise<McpTarget> {
    const { server, resolution } = this.grant;
    this.assertReachable();
    if (server.authType === "OAUTH2" && this.connection) {
      if (this.connection.status === "RECONNECT_REQUIRED")
        throw new UpstreamError("unauthorized", "Reconnect your account to use this server.");
      this.connection = await this.deps.tokens.fresh(server, this.connection);
    }
    if (server.connector) return this.generatedTarget(server.connector);
    const context = await this.renderContext();
    const headers = await this.deps.headers.render(server, { ...resolution, connection: this.connection }, context);
    // A token made for this request alone is never pooled with the connection it rides on.
    const ephemeral = context.embeddedJwt !== undefined || context.identityToken !== undefined;
    const { transport, protocol } = server;
    const url = await openServerUrl(this.deps.secrets, server);
    // The recorded hint names the stored URL; the connector knows endpoints by the URL it sends to.
    const known = protocol?.url === server.url ? { protocol: { ...protocol, url } } : {};
    return { tenantId: server.tenantId, serverId: server.id, url, transport, headers, ephemeral, ...known };
  }

  /**
   * A connector's generated server: its credential fields opened. One built with a user's own
   * credential is built for this request alone (never cached where another caller could reach it).
   */
  private async generatedTarget({ id, revision }: { id: string; revision: number }): Promise<McpTarget> {
    const { server, resolution } = this.grant;
    const fields = this.connection?.fields?.length ? Object.fromEntries(await this.deps.headers.openFields(this.connection)) : {};
    return {
      tenantId: server.tenantId,
      serverId: server.id,
      url: server.url,
      transport: server.transport,
      headers: {},
      ephemeral: resolution.source === "USER",
      generated: { connectorId: id, revision, instance: this.connection?.id ?? "server", fields },
    };
  }

  /** The user's token for this request: the embedded chat's (JWT passthrough), or one minted for the server (signed identity). */
  private async renderContext(): Promise<RenderContext> {
    const { server } = this.grant;
    if (server.authType === "SIGNED_IDENTITY") return { identityToken: await this.deps.identity.mint(this.actor, server) };
    if (server.authType !== "JWT_PASSTHROUGH") return {};
    const embeddedJwt = this.actor.embedded?.jwt;
    if (!embeddedJwt) throw new UpstreamError("not_connected", "This server needs the embedded chat's token (X-Embedded-Token).");
    return { embeddedJwt };
  }

  private async run<T>(work: (target: McpTarget) => Promise<T>): Promise<T> {
    // Outside the recovery: a connection that already needs reconnecting is not refreshed again.
    const target = await this.target();
    try {
      return await work(target);
    } catch (error) {
      if (!this.isOAuthRefusal(error)) throw error;
      if (error.kind === "forbidden") throw await this.stepUp(error);
      return await this.retryAfterRefresh(work);
    }
  }

  /** After a 401: refresh once and retry once. A second 401 means the user's grant is gone: the connection says so. */
  private async retryAfterRefresh<T>(work: (target: McpTarget) => Promise<T>): Promise<T> {
    this.connection = await this.deps.tokens.refresh(this.grant.server, this.connection!);
    try {
      return await work(await this.target());
    } catch (error) {
      if (!this.isOAuthRefusal(error) || error.kind !== "unauthorized") throw error;
      await this.deps.tokens.requireReconnect(this.connection);
      throw new UpstreamError("unauthorized", "The server no longer accepts this connection; reconnect your account.");
    }
  }

  /**
   * A 403 `insufficient_scope`: the next connect asks for the challenged scopes too (step-up),
   * and the user is told to reconnect. Once they are granted, a refusal is final: no loop.
   */
  private async stepUp(error: UpstreamError): Promise<UpstreamError> {
    const wanted = (error.challenge?.scope ?? "").split(" ").filter(Boolean);
    if (error.challenge?.error !== "insufficient_scope" || wanted.length === 0) return error;
    const connection = this.connection!;
    const missing = wanted.filter((scope) => !(connection.scopes ?? []).includes(scope));
    const askedBefore = missing.every((scope) => (connection.requestedScopes ?? []).includes(scope));
    if (missing.length === 0 || askedBefore) {
      return new UpstreamError("forbidden", `The server needs ${wanted.join(" ")}, which this connection was not granted when it asked.`);
    }
    await this.deps.tokens.requireReconnect(connection, [...new Set([...(connection.requiredScopes ?? []), ...wanted])]);
    return new UpstreamError("unauthorized", `This needs more access (${missing.join(" ")}): reconnect your account to grant it.`);
  }

  private isOAuthRefusal(error: unknown): error is UpstreamError {
    const refusal = error instanceof UpstreamError && (error.kind === "unauthorized" || error.kind === "forbidden");
    return refusal && this.grant.server.authType === "OAUTH2" && this.connection !== null;
  }

  private assertReachable(): void {
    const { denial, resolution } = this.grant;
    // Fail closed: a server the actor cannot see is never reached, whoever asks.
    if (denial?.reason === "NOT_VISIBLE") throw notFound("MCP server");
    if (!resolution.usable) throw new UpstreamError("not_connected", resolution.explanation);
  }
}
