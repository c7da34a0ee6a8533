import type { Actor } from "../access/actor.js";
import type { Grant } from "../access/grant-rule.js";
import type { Connection } from "../connections/connection.js";
import type { ResolutionSource } from "../connections/resolve-connection.js";
import type { OAuthTokenRefresh } from "../oauth/oauth-token-refresh.js";
import type { McpConnector, McpTarget, McpToolDefinition, McpToolResult } from "../ports/mcp-connector.js";
import { notFound } from "../shared/errors.js";
import { UpstreamError } from "../shared/upstream-error.js";
import type { IdentityTokens } from "../identity/identity-tokens.js";
import type { HeaderRenderer, RenderContext } from "./render-headers.js";

export interface UpstreamDeps {
  headers: HeaderRenderer;
  tokens: Pick<OAuthTokenRefresh, "fresh" | "refresh">;
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

  listTools(): Promise<McpToolDefinition[]> {
    return this.run((target) => this.deps.connector.listTools(target));
  }

  callTool(name: string, args: Record<string, unknown>, options: { timeoutMs?: number } = {}): Promise<McpToolResult> {
    return this.run((target) => this.deps.connector.callTool(target, name, args, options));
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
    const context = await this.renderContext();
    const headers = await this.deps.headers.render(server, { ...resolution, connection: this.connection }, context);
    // A token made for this request alone is never pooled with the connection it rides on.
    const ephemeral = context.embeddedJwt !== undefined || context.identityToken !== undefined;
    return { tenantId: server.tenantId, serverId: server.id, url: server.url, transport: server.transport, headers, ephemeral };
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
    // Outside the retry: a connection that needs reconnecting is not refreshed again.
    const target = await this.target();
    try {
      return await work(target);
    } catch (error) {
      if (!this.refreshable(error)) throw error;
      this.connection = await this.deps.tokens.refresh(this.grant.server, this.connection!);
      return work(await this.target());
    }
  }

  private refreshable(error: unknown): boolean {
    return (
      this.grant.server.authType === "OAUTH2" && this.connection !== null && error instanceof UpstreamError && error.kind === "unauthorized"
    );
  }

  private assertReachable(): void {
    const { denial, resolution } = this.grant;
    // Fail closed: a server the actor cannot see is never reached, whoever asks.
    if (denial?.reason === "NOT_VISIBLE") throw notFound("MCP server");
    if (!resolution.usable) throw new UpstreamError("not_connected", resolution.explanation);
  }
}
