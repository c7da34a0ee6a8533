import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { OAuthProtocol } from "../ports/oauth-protocol.js";
import type { OAuthStore } from "../ports/oauth-store.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import { randomToken } from "../shared/base64url.js";
import type { Caller } from "../shared/caller.js";
import { badInput, forbidden, notFound } from "../shared/errors.js";
import { type OAuthClients, serverInfoOf } from "./oauth-clients.js";
import type { OAuthStateRecord } from "./oauth-records.js";
import { oauthConnection } from "./oauth-tokens.js";
import { type CompletionParams, issuerProblem, parseState } from "./oauth-state.js";
import { scopeToRequest } from "./scope-selection.js";

export interface OAuthAuthorizationDeps {
  servers: ServerRegistry;
  connectionStore: ConnectionStore;
  oauthStore: OAuthStore;
  protocol: OAuthProtocol;
  clients: OAuthClients;
  secrets: Secrets;
  clock: Clock;
  /** Origins `returnTo` may point at after the callback. */
  returnOrigins: readonly string[];
  stateTtlMs?: number;
}

/**
 * Connecting a user's account to an OAuth server. `start` discovers the authorization server
 * afresh (scopes, issuer, client), and binds a single-use state to tenant, user, server and
 * issuer; the browser comes back to GET /oauth/callback, which only forwards the code to the
 * frontend; `complete` exchanges it for the signed-in user who started it, and no one else (so
 * a code cannot be planted in another user's browser: login CSRF).
 */
export class OAuthAuthorization {
  constructor(private readonly deps: OAuthAuthorizationDeps) {}

  async start(caller: Caller, serverId: string, returnTo?: string | null): Promise<{ authorizationUrl: string }> {
    const server = await this.oauthServer(caller, serverId);
    if (!server.isEnabled) throw forbidden(`The server ${server.name} is disabled`);
    const { clients, protocol } = this.deps;
    if (!clients.redirectUri) throw new Error("OAUTH_CALLBACK_URL is not configured");
    if (returnTo && !this.returnAllowed(returnTo)) {
      throw badInput("returnTo", "must be an absolute URL on an allowed origin (OAUTH_RETURN_ORIGINS)");
    }
    const info = await protocol.discover(server.url);
    const current = await this.deps.connectionStore.get(caller.tenantId, { serverId, scope: "USER", subject: caller.userId });
    const scope = scopeToRequest({
      configured: server.oauthScopes,
      challenged: info.challengedScope,
      resourceScopes: info.resourceScopes,
      advertised: Array.isArray(info.metadata.scopes_supported) ? (info.metadata.scopes_supported as string[]) : undefined,
      stepUp: current?.requiredScopes ?? null,
    });
    const client = await clients.clientFor(server, info);
    const id = randomToken();
    const { authorizationUrl, codeVerifier } = await protocol.authorize(info, {
      client: await clients.credentials(client, server),
      redirectUri: client.redirectUri,
      state: `${caller.tenantId}.${id}`,
      ...(scope ? { scope } : {}),
    });
    await this.deps.oauthStore.saveState({
      tenantId: caller.tenantId,
      id,
      userId: caller.userId,
      serverId: server.id,
      issuer: info.authorizationServerUrl,
      issRequired: info.metadata.authorization_response_iss_parameter_supported === true,
      codeVerifier: await this.deps.secrets.seal(secretSlots.oauthState(caller.tenantId, id).codeVerifier, codeVerifier),
      scope: scope ?? null,
      redirectUri: client.redirectUri,
      returnTo: returnTo ?? null,
      expiresAt: new Date(this.deps.clock.now().getTime() + (this.deps.stateTtlMs ?? 10 * 60_000)).toISOString(),
    });
    return { authorizationUrl };
  }

  /**
   * For GET /oauth/callback: the sign-in `state` names, if it is live, and where its frontend
   * wants the browser back (it completes there); null for a state that is not (or no longer) one.
   */
  async pendingSignIn(state: string | null): Promise<{ returnTo: string | null } | null> {
    const parsed = parseState(state);
    const record = parsed && (await this.deps.oauthStore.peekState(parsed.tenantId, parsed.id));
    if (!record || this.deps.clock.now().toISOString() >= record.expiresAt) return null;
    return { returnTo: record.returnTo };
  }

  /** `completeOAuth`: exchanges the code, for the user who started the authorization only. */
  async complete(caller: Caller, params: CompletionParams): Promise<McpServer> {
    const state = await this.claimState(caller, params.state);
    const problem = issuerProblem(state, params.iss ?? null);
    if (problem) throw badInput("iss", problem);
    const server = await this.oauthServer(caller, state.serverId);
    const client = await this.deps.clients.stored(server, state.issuer);
    if (!client) throw notFound("OAuth registration");
    const { secrets, protocol } = this.deps;
    const codeVerifier = await secrets.open(secretSlots.oauthState(state.tenantId, state.id).codeVerifier, state.codeVerifier);
    const tokens = await protocol.exchange(serverInfoOf(client), {
      client: await this.deps.clients.credentials(client, server),
      code: params.code,
      codeVerifier,
      redirectUri: state.redirectUri,
    });
    const made = { server, userId: caller.userId, issuer: state.issuer, requested: state.scope };
    const connection = await oauthConnection(secrets, made, tokens, this.deps.clock.now());
    await this.deps.connectionStore.replace(connection);
    return server;
  }

  async disconnect(caller: Caller, serverId: string): Promise<true> {
    const server = await this.oauthServer(caller, serverId);
    const connection = await this.deps.connectionStore.get(caller.tenantId, { serverId, scope: "USER", subject: caller.userId });
    if (!connection) return true;
    const client = await this.deps.clients.stored(server, connection.oauthIssuer);
    if (client) {
      const slots = secretSlots.connection(connection.tenantId, connection.id);
      const credentials = await this.deps.clients.credentials(client, server);
      // Revocation is a courtesy to the server: the tokens are gone from here whatever it answers.
      for (const [secret, slot] of [
        [connection.refreshToken, slots.refreshToken],
        [connection.credential, slots.credential],
      ] as const) {
        if (!secret) continue;
        const token = await this.deps.secrets.open(slot, secret);
        await this.deps.protocol.revoke(serverInfoOf(client), { client: credentials, token }).catch(() => undefined);
      }
    }
    await this.deps.connectionStore.delete(connection);
    return true;
  }

  /** The live state the caller started; it is used up only by its own user. */
  private async claimState(caller: Caller, state: string): Promise<OAuthStateRecord> {
    const parsed = parseState(state);
    const invalid = badInput("state", "This sign-in is not valid, was already used, or has expired; start again.");
    if (!parsed || parsed.tenantId !== caller.tenantId) throw invalid;
    const peeked = await this.deps.oauthStore.peekState(parsed.tenantId, parsed.id);
    if (peeked && peeked.userId !== caller.userId)
      throw forbidden("This sign-in was started by another user; it can only be completed by them.");
    const record = peeked && (await this.deps.oauthStore.consumeState(parsed.tenantId, parsed.id));
    if (!record || this.deps.clock.now().toISOString() >= record.expiresAt) throw invalid;
    return record;
  }

  private async oauthServer(caller: Caller, serverId: string): Promise<McpServer> {
    const server = await this.deps.servers.get(caller, serverId);
    if (server.authType !== "OAUTH2") throw badInput("serverId", "is not an OAUTH2 server");
    return server;
  }

  private returnAllowed(returnTo: string): boolean {
    if (!URL.canParse(returnTo)) return false;
    const url = new URL(returnTo);
    return /^https?:$/.test(url.protocol) && this.deps.returnOrigins.includes(url.origin);
  }
}
