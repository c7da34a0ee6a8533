import type { Connection } from "../connections/connection.js";
import { connectionRecord } from "../connections/connection.js";
import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { AuthorizationServerInfo, OAuthClientCredentials, OAuthProtocol } from "../ports/oauth-protocol.js";
import type { OAuthStore } from "../ports/oauth-store.js";
import type { SecretCipher } from "../ports/secret-cipher.js";
import type { ServerStore } from "../ports/server-store.js";
import { seal } from "../secrets/sealed-secret.js";
import type { McpServer } from "../servers/server.js";
import { OAUTH_CLIENT_SECRET_FIELD, serverRecord } from "../servers/server.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import { canSee } from "../servers/server-access.js";
import { bytesToBase64Url } from "../shared/base64url.js";
import type { Caller } from "../shared/caller.js";
import { badInput, forbidden } from "../shared/errors.js";
import { tenantIdSchema } from "../shared/identifiers.js";
import { UpstreamError } from "../shared/upstream-error.js";
import { OAuthGrantRejected } from "./errors.js";
import { type OAuthClientRecord, oauthClientRecord, oauthStateRecord } from "./oauth-records.js";
import { oauthConnection, REFRESH_TOKEN_FIELD, refreshedConnection } from "./oauth-tokens.js";

export interface OAuthServiceDeps {
  servers: ServerRegistry;
  serverStore: ServerStore;
  connectionStore: ConnectionStore;
  oauthStore: OAuthStore;
  protocol: OAuthProtocol;
  cipher: SecretCipher;
  clock: Clock;
  /** Where authorization servers send users back (GET /oauth/callback); empty where this process never starts OAuth (callback, jobs). */
  redirectUri: string;
  /** Origins `returnTo` may point at after the callback. */
  returnOrigins: readonly string[];
  stateTtlMs?: number;
  leaseMs?: number;
  /** Refresh when the access token expires within this (the spec asks 60 s). */
  refreshMarginMs?: number;
}

export type CallbackOutcome = { ok: true; returnTo: string | null } | { ok: false; message: string };

const CODE_VERIFIER_FIELD = "code-verifier";

/**
 * Per-user OAuth connections: connect (PKCE, state bound to tenant, user and server, single
 * use), keep fresh (one refresher at a time per connection, by lease), disconnect (revoking).
 */
export class OAuthService {
  constructor(private readonly deps: OAuthServiceDeps) {}

  async start(caller: Caller, serverId: string, returnTo?: string | null): Promise<{ authorizationUrl: string }> {
    const server = await this.deps.servers.get(caller, serverId);
    if (server.authType !== "OAUTH2") throw badInput("serverId", "is not an OAUTH2 server");
    if (!server.isEnabled) throw forbidden(`The server ${server.name} is disabled`);
    if (!this.deps.redirectUri) throw new Error("OAUTH_CALLBACK_URL is not configured");
    if (returnTo && !this.returnAllowed(returnTo))
      throw badInput("returnTo", "must be an absolute URL on an allowed origin (OAUTH_RETURN_ORIGINS)");

    const client = await this.clientFor(server);
    const id = randomToken();
    const { authorizationUrl, codeVerifier } = await this.deps.protocol.authorize(infoOf(client), {
      client: await this.credentials(client, server),
      redirectUri: client.redirectUri,
      state: `${caller.tenantId}.${id}`,
      ...(server.oauthScopes?.length ? { scope: server.oauthScopes.join(" ") } : {}),
    });
    const now = this.deps.clock.now();
    await this.deps.oauthStore.saveState({
      tenantId: caller.tenantId,
      id,
      userId: caller.userId,
      serverId: server.id,
      codeVerifier: await seal(this.deps.cipher, codeVerifier, {
        tenant: caller.tenantId,
        record: oauthStateRecord(id),
        field: CODE_VERIFIER_FIELD,
      }),
      redirectUri: client.redirectUri,
      returnTo: returnTo ?? null,
      expiresAt: new Date(now.getTime() + (this.deps.stateTtlMs ?? 10 * 60_000)).toISOString(),
    });
    return { authorizationUrl };
  }

  /** `GET /oauth/callback`: trusts nothing but a live, unused state it issued itself. */
  async callback(params: { state?: string | null; code?: string | null; error?: string | null }): Promise<CallbackOutcome> {
    const [tenantId, id] = (params.state ?? "").split(".");
    if (!tenantId || !id || !tenantIdSchema.safeParse(tenantId).success) return { ok: false, message: "This sign-in link is not valid." };
    const state = await this.deps.oauthStore.consumeState(tenantId, id);
    if (!state) return { ok: false, message: "This sign-in link is not valid or was already used." };
    if (this.deps.clock.now().toISOString() >= state.expiresAt)
      return { ok: false, message: "This sign-in link has expired; start again." };
    if (params.error || !params.code) return { ok: false, message: "The authorization was not granted." };

    const owner: Caller = { tenantId, userId: state.userId, roles: [] };
    const server = await this.deps.serverStore.get(tenantId, state.serverId);
    const client =
      server && server.authType === "OAUTH2" && canSee(owner, server)
        ? await this.deps.oauthStore.getClient(tenantId, server.id)
        : undefined;
    if (!server || !client) return { ok: false, message: "The server is no longer available." };
    try {
      const codeVerifier = await this.deps.cipher.decrypt(state.codeVerifier.ciphertext, {
        tenant: tenantId,
        record: oauthStateRecord(id),
        field: CODE_VERIFIER_FIELD,
      });
      const tokens = await this.deps.protocol.exchange(infoOf(client), {
        client: await this.credentials(client, server),
        code: params.code,
        codeVerifier,
        redirectUri: state.redirectUri,
      });
      await this.deps.connectionStore.replace(await oauthConnection(this.deps.cipher, server, state.userId, tokens, this.deps.clock.now()));
    } catch (error) {
      if (error instanceof UpstreamError) return { ok: false, message: error.message };
      throw error;
    }
    return { ok: true, returnTo: state.returnTo };
  }

  async disconnect(caller: Caller, serverId: string): Promise<true> {
    const server = await this.deps.servers.get(caller, serverId);
    if (server.authType !== "OAUTH2") throw badInput("serverId", "is not an OAUTH2 server");
    const connection = await this.deps.connectionStore.get(caller.tenantId, { serverId, scope: "USER", subject: caller.userId });
    if (!connection) return true;
    const client = await this.deps.oauthStore.getClient(caller.tenantId, serverId);
    if (client) {
      // Revocation is a courtesy to the server: the tokens are gone from here whatever it answers.
      for (const [secret, field] of [
        [connection.refreshToken, REFRESH_TOKEN_FIELD],
        [connection.credential, "credential"],
      ] as const) {
        if (!secret) continue;
        const token = await this.open(connection, secret.ciphertext, field);
        await this.deps.protocol.revoke(infoOf(client), { client: await this.credentials(client, server), token }).catch(() => undefined);
      }
    }
    await this.deps.connectionStore.delete(connection);
    return true;
  }

  /** The connection with an access token valid for at least the refresh margin, refreshing if needed. */
  async fresh(server: McpServer, connection: Connection): Promise<Connection> {
    if (!connection.refreshToken || connection.expiresAt === null) return connection;
    const margin = this.deps.refreshMarginMs ?? 60_000;
    if (Date.parse(connection.expiresAt) - this.deps.clock.now().getTime() > margin) return connection;
    return this.refresh(server, connection);
  }

  /**
   * Refreshes a connection's tokens. One caller takes the lease (a conditional write) and asks the
   * token endpoint; the others wait for its result. The rotated refresh token is stored in the same
   * write that ends the lease; `invalid_grant` leaves the connection RECONNECT_REQUIRED.
   */
  async refresh(server: McpServer, seen: Connection): Promise<Connection> {
    const owner = randomToken();
    const now = this.deps.clock.now();
    const leaseMs = this.deps.leaseMs ?? 30_000;
    const took = await this.deps.connectionStore.takeRefreshLease(
      seen,
      owner,
      new Date(now.getTime() + leaseMs).toISOString(),
      now.toISOString(),
    );
    if (!took) return this.awaitOtherRefresh(server, seen, leaseMs);

    const slot = { serverId: seen.serverId, scope: seen.scope, subject: seen.userId ?? "" };
    const current = (await this.deps.connectionStore.get(seen.tenantId, slot)) ?? seen;
    if (current.version !== seen.version) {
      // Someone refreshed between our read and our lease: use theirs.
      await this.deps.connectionStore.releaseLease(current, owner, current.status);
      return current;
    }
    const client = await this.deps.oauthStore.getClient(seen.tenantId, seen.serverId);
    if (!client || !current.refreshToken) {
      await this.deps.connectionStore.releaseLease(current, owner, "RECONNECT_REQUIRED");
      throw new OAuthGrantRejected();
    }
    try {
      const refreshToken = await this.open(current, current.refreshToken.ciphertext, REFRESH_TOKEN_FIELD);
      const tokens = await this.deps.protocol.refresh(infoOf(client), { client: await this.credentials(client, server), refreshToken });
      const next = await refreshedConnection(this.deps.cipher, current, tokens, this.deps.clock.now());
      if (!(await this.deps.connectionStore.completeRefresh(next, owner)))
        throw new UpstreamError("timeout", "The token refresh took too long; try again.");
      return next;
    } catch (error) {
      await this.deps.connectionStore.releaseLease(
        current,
        owner,
        error instanceof OAuthGrantRejected ? "RECONNECT_REQUIRED" : current.status,
      );
      throw error;
    }
  }

  /** Waits while another process refreshes, then reads its result. */
  private async awaitOtherRefresh(server: McpServer, seen: Connection, leaseMs: number): Promise<Connection> {
    const slot = { serverId: seen.serverId, scope: seen.scope, subject: seen.userId ?? "" };
    const deadline = Date.now() + leaseMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const latest = await this.deps.connectionStore.get(seen.tenantId, slot);
      if (!latest) throw new OAuthGrantRejected();
      if (latest.status === "RECONNECT_REQUIRED") throw new OAuthGrantRejected();
      if (latest.version !== seen.version) return latest;
    }
    throw new UpstreamError("timeout", "The token refresh took too long; try again.");
  }

  /** The platform's client at this server's authorization server: configured, or registered once (RFC 7591). */
  private async clientFor(server: McpServer): Promise<OAuthClientRecord> {
    const known = await this.deps.oauthStore.getClient(server.tenantId, server.id);
    const stillValid =
      known &&
      known.redirectUri === this.deps.redirectUri &&
      known.dynamic === !server.oauthClientId &&
      (!server.oauthClientId || known.clientId === server.oauthClientId);
    if (stillValid) return known;
    if (known) await this.deps.oauthStore.deleteClient(server.tenantId, server.id);
    const info = await this.deps.protocol.discover(server.url);
    const scope = server.oauthScopes?.join(" ");
    const registered = server.oauthClientId
      ? { clientId: server.oauthClientId }
      : await this.deps.protocol.register(info, { redirectUri: this.deps.redirectUri, ...(scope ? { scope } : {}) });
    const clientSecret = registered.clientSecret
      ? await seal(this.deps.cipher, registered.clientSecret, {
          tenant: server.tenantId,
          record: oauthClientRecord(server.id),
          field: OAUTH_CLIENT_SECRET_FIELD,
        })
      : null;
    return this.deps.oauthStore.saveClientOnce({
      tenantId: server.tenantId,
      serverId: server.id,
      ...info,
      redirectUri: this.deps.redirectUri,
      clientId: registered.clientId,
      clientSecret,
      dynamic: !server.oauthClientId,
      createdAt: this.deps.clock.now().toISOString(),
    });
  }

  private async credentials(client: OAuthClientRecord, server: McpServer): Promise<OAuthClientCredentials> {
    const sealed = client.dynamic ? client.clientSecret : server.oauthClientSecret;
    const record = client.dynamic ? oauthClientRecord(server.id) : serverRecord(server.id);
    if (!sealed) return { clientId: client.clientId };
    const clientSecret = await this.deps.cipher.decrypt(sealed.ciphertext, {
      tenant: server.tenantId,
      record,
      field: OAUTH_CLIENT_SECRET_FIELD,
    });
    return { clientId: client.clientId, clientSecret };
  }

  private open(connection: Connection, ciphertext: string, field: string) {
    return this.deps.cipher.decrypt(ciphertext, { tenant: connection.tenantId, record: connectionRecord(connection.id), field });
  }

  private returnAllowed(returnTo: string): boolean {
    if (!URL.canParse(returnTo)) return false;
    const url = new URL(returnTo);
    return /^https?:$/.test(url.protocol) && this.deps.returnOrigins.includes(url.origin);
  }
}

const infoOf = (client: OAuthClientRecord): AuthorizationServerInfo => ({
  authorizationServerUrl: client.authorizationServerUrl,
  metadata: client.metadata,
  resource: client.resource,
});

/** 32 random bytes, base64url: unguessable state and lease owners. */
const randomToken = () => bytesToBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
