import type { Clock } from "../ports/clock.js";
import type { AuthorizationServerInfo, OAuthClientCredentials, OAuthProtocol } from "../ports/oauth-protocol.js";
import type { OAuthStore } from "../ports/oauth-store.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import type { OAuthClientRecord } from "./oauth-records.js";

export interface OAuthClientsDeps {
  oauthStore: OAuthStore;
  protocol: OAuthProtocol;
  secrets: Secrets;
  clock: Clock;
  /** Where authorization servers send users back (GET /oauth/callback); empty where this process never starts OAuth. */
  redirectUri: string;
}

/** The platform as an OAuth client of each server's authorization server: configured, or registered once (RFC 7591). */
export class OAuthClients {
  constructor(private readonly deps: OAuthClientsDeps) {}

  get redirectUri(): string {
    return this.deps.redirectUri;
  }

  /** The registration to use for `server`, registering (again) when the stored one no longer fits its configuration. */
  async clientFor(server: McpServer): Promise<OAuthClientRecord> {
    const known = await this.deps.oauthStore.getClient(server.tenantId, server.id);
    if (known && this.fits(known, server)) return known;
    if (known) await this.deps.oauthStore.deleteClient(server.tenantId, server.id);
    const info = await this.deps.protocol.discover(server.url);
    const scope = server.oauthScopes?.join(" ");
    const registered = server.oauthClientId
      ? { clientId: server.oauthClientId }
      : await this.deps.protocol.register(info, { redirectUri: this.deps.redirectUri, ...(scope ? { scope } : {}) });
    const clientSecret = registered.clientSecret
      ? await this.deps.secrets.seal(secretSlots.registeredClient(server.tenantId, server.id).clientSecret, registered.clientSecret)
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

  /** The stored registration, if the platform has one for `server`. */
  stored(server: McpServer): Promise<OAuthClientRecord | undefined> {
    return this.deps.oauthStore.getClient(server.tenantId, server.id);
  }

  /** The client's id and secret: a registered client's own, or the one an admin configured on the server. */
  async credentials(client: OAuthClientRecord, server: McpServer): Promise<OAuthClientCredentials> {
    const sealed = client.dynamic ? client.clientSecret : server.oauthClientSecret;
    if (!sealed) return { clientId: client.clientId };
    const slot = client.dynamic
      ? secretSlots.registeredClient(server.tenantId, server.id).clientSecret
      : secretSlots.server(server.tenantId, server.id).oauthClientSecret;
    return { clientId: client.clientId, clientSecret: await this.deps.secrets.open(slot, sealed) };
  }

  private fits(known: OAuthClientRecord, server: McpServer): boolean {
    const configured = server.oauthClientId;
    return known.redirectUri === this.deps.redirectUri && known.dynamic === !configured && (!configured || known.clientId === configured);
  }
}

export const serverInfoOf = (client: OAuthClientRecord): AuthorizationServerInfo => ({
  authorizationServerUrl: client.authorizationServerUrl,
  metadata: client.metadata,
  resource: client.resource,
});
