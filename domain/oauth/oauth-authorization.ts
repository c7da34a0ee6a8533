import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { OAuthProtocol } from "../ports/oauth-protocol.js";
import type { OAuthStore } from "../ports/oauth-store.js";
import type { ServerStore } from "../ports/server-store.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import { canSee } from "../servers/server-access.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import { randomToken } from "../shared/base64url.js";
import type { Caller } from "../shared/caller.js";
import { badInput, forbidden } from "../shared/errors.js";
import { tenantIdSchema } from "../shared/identifiers.js";
import { UpstreamError } from "../shared/upstream-error.js";
import { type OAuthClients, serverInfoOf } from "./oauth-clients.js";
import type { OAuthStateRecord } from "./oauth-records.js";
import { oauthConnection } from "./oauth-tokens.js";

export interface OAuthAuthorizationDeps {
  servers: ServerRegistry;
  serverStore: ServerStore;
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

export type CallbackOutcome = { ok: true; returnTo: string | null } | { ok: false; message: string };

const refused = (message: string): CallbackOutcome => ({ ok: false, message });

/**
 * Connecting a user's account to an OAuth server: start (PKCE, a state bound to tenant, user and
 * server, single use), the callback that stores the tokens, and disconnecting (revoking).
 */
export class OAuthAuthorization {
  constructor(private readonly deps: OAuthAuthorizationDeps) {}

  async start(caller: Caller, serverId: string, returnTo?: string | null): Promise<{ authorizationUrl: string }> {
    const server = await this.oauthServer(caller, serverId);
    if (!server.isEnabled) throw forbidden(`The server ${server.name} is disabled`);
    const { clients, secrets } = this.deps;
    if (!clients.redirectUri) throw new Error("OAUTH_CALLBACK_URL is not configured");
    if (returnTo && !this.returnAllowed(returnTo)) {
      throw badInput("returnTo", "must be an absolute URL on an allowed origin (OAUTH_RETURN_ORIGINS)");
    }
    const client = await clients.clientFor(server);
    const id = randomToken();
    const { authorizationUrl, codeVerifier } = await this.deps.protocol.authorize(serverInfoOf(client), {
      client: await clients.credentials(client, server),
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
      codeVerifier: await secrets.seal(secretSlots.oauthState(caller.tenantId, id).codeVerifier, codeVerifier),
      redirectUri: client.redirectUri,
      returnTo: returnTo ?? null,
      expiresAt: new Date(now.getTime() + (this.deps.stateTtlMs ?? 10 * 60_000)).toISOString(),
    });
    return { authorizationUrl };
  }

  /** `GET /oauth/callback`: trusts nothing but a live, unused state it issued itself. */
  async callback(params: { state?: string | null; code?: string | null; error?: string | null }): Promise<CallbackOutcome> {
    const [tenantId, id] = (params.state ?? "").split(".");
    if (!tenantId || !id || !tenantIdSchema.safeParse(tenantId).success) return refused("This sign-in link is not valid.");
    const state = await this.deps.oauthStore.consumeState(tenantId, id);
    if (!state) return refused("This sign-in link is not valid or was already used.");
    if (this.deps.clock.now().toISOString() >= state.expiresAt) return refused("This sign-in link has expired; start again.");
    if (params.error || !params.code) return refused("The authorization was not granted.");
    try {
      return await this.finish(state, params.code);
    } catch (error) {
      if (error instanceof UpstreamError) return refused(error.message);
      throw error;
    }
  }

  async disconnect(caller: Caller, serverId: string): Promise<true> {
    const server = await this.oauthServer(caller, serverId);
    const connection = await this.deps.connectionStore.get(caller.tenantId, { serverId, scope: "USER", subject: caller.userId });
    if (!connection) return true;
    const client = await this.deps.clients.stored(server);
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

  /** Exchanges the code for the state's user, on a server that user may still see. */
  private async finish(state: OAuthStateRecord, code: string): Promise<CallbackOutcome> {
    const { tenantId, userId } = state;
    const owner: Caller = { tenantId, userId, roles: [] };
    const server = await this.deps.serverStore.get(tenantId, state.serverId);
    const usable = server && server.authType === "OAUTH2" && canSee(owner, server);
    const client = usable ? await this.deps.clients.stored(server) : undefined;
    if (!server || !client) return refused("The server is no longer available.");
    const codeVerifier = await this.deps.secrets.open(secretSlots.oauthState(tenantId, state.id).codeVerifier, state.codeVerifier);
    const tokens = await this.deps.protocol.exchange(serverInfoOf(client), {
      client: await this.deps.clients.credentials(client, server),
      code,
      codeVerifier,
      redirectUri: state.redirectUri,
    });
    await this.deps.connectionStore.replace(await oauthConnection(this.deps.secrets, server, userId, tokens, this.deps.clock.now()));
    return { ok: true, returnTo: state.returnTo };
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
