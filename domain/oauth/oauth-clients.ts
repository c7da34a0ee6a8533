import type { Clock } from "../ports/clock.js";
import type { AuthorizationServerInfo, Discovery, OAuthClientCredentials, OAuthProtocol } from "../ports/oauth-protocol.js";
import type { OAuthStore } from "../ports/oauth-store.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import { type ClientMetadata, platformClientMetadata } from "./client-metadata.js";
import type { OAuthClientKind, OAuthClientRecord } from "./oauth-records.js";

export interface OAuthClientsDeps {
  oauthStore: OAuthStore;
  protocol: OAuthProtocol;
  secrets: Secrets;
  clock: Clock;
  /** Where authorization servers send users back (GET /oauth/callback); empty where this process never starts OAuth. */
  redirectUri: string;
  /** The platform's client metadata document (served at PUBLIC_URL); usable as a client id only over https. */
  metadataDocumentUrl: string;
}

/**
 * The platform as an OAuth client of each server's authorization server, per issuer: the client
 * an admin configured, else its client metadata document URL where the authorization server
 * accepts those, else a dynamic registration (RFC 7591), made once.
 */
export class OAuthClients {
  constructor(private readonly deps: OAuthClientsDeps) {}

  get redirectUri(): string {
    return this.deps.redirectUri;
  }

  /** The document at the client id URL, for authorization servers that take client ID metadata documents. */
  metadataDocument(): ClientMetadata {
    return { ...platformClientMetadata(this.deps.redirectUri), client_id: this.deps.metadataDocumentUrl };
  }

  /** The client to use with the authorization server discovery found, registering when none fits. */
  async clientFor(server: McpServer, info: Discovery): Promise<OAuthClientRecord> {
    const kind = this.kindFor(server, info);
    const known = await this.deps.oauthStore.getClient(server.tenantId, server.id, info.authorizationServerUrl);
    if (known && this.fits(known, server, kind)) return known;
    if (known) await this.deps.oauthStore.deleteClient(known);
    const { clientId, clientSecret } = await this.identity(kind, server, info);
    return this.deps.oauthStore.saveClientOnce({
      tenantId: server.tenantId,
      serverId: server.id,
      authorizationServerUrl: info.authorizationServerUrl,
      metadata: info.metadata,
      resource: info.resource,
      redirectUri: this.deps.redirectUri,
      clientId,
      clientSecret: clientSecret
        ? await this.deps.secrets.seal(secretSlots.registeredClient(server.tenantId, server.id).clientSecret, clientSecret)
        : null,
      kind,
      createdAt: this.deps.clock.now().toISOString(),
    });
  }

  /** The stored client for `issuer` (the one a connection was made with). */
  stored(server: McpServer, issuer?: string | null): Promise<OAuthClientRecord | undefined> {
    return this.deps.oauthStore.getClient(server.tenantId, server.id, issuer ?? undefined);
  }

  /** The client's id and secret: a registered client's own, or the one an admin configured on the server. */
  async credentials(client: OAuthClientRecord, server: McpServer): Promise<OAuthClientCredentials> {
    const sealed = client.kind === "configured" ? server.oauthClientSecret : client.clientSecret;
    if (!sealed) return { clientId: client.clientId };
    const slot =
      client.kind === "configured"
        ? secretSlots.server(server.tenantId, server.id).oauthClientSecret
        : secretSlots.registeredClient(server.tenantId, server.id).clientSecret;
    return { clientId: client.clientId, clientSecret: await this.deps.secrets.open(slot, sealed) };
  }

  private kindFor(server: McpServer, info: Discovery): OAuthClientKind {
    if (server.oauthClientId) return "configured";
    const usable = info.metadata.client_id_metadata_document_supported === true && this.deps.metadataDocumentUrl.startsWith("https://");
    return usable ? "metadata-document" : "registered";
  }

  private async identity(kind: OAuthClientKind, server: McpServer, info: AuthorizationServerInfo): Promise<OAuthClientCredentials> {
    if (kind === "configured") return { clientId: server.oauthClientId! };
    if (kind === "metadata-document") return { clientId: this.deps.metadataDocumentUrl };
    // No scope in the registration: the authorization request says which, and a step-up needs no new client.
    return this.deps.protocol.register(info, platformClientMetadata(this.deps.redirectUri));
  }

  private fits(known: OAuthClientRecord, server: McpServer, kind: OAuthClientKind): boolean {
    if (known.redirectUri !== this.deps.redirectUri || known.kind !== kind) return false;
    if (kind === "configured") return known.clientId === server.oauthClientId;
    return kind !== "metadata-document" || known.clientId === this.deps.metadataDocumentUrl;
  }
}

export const serverInfoOf = (client: OAuthClientRecord): AuthorizationServerInfo => ({
  authorizationServerUrl: client.authorizationServerUrl,
  metadata: client.metadata,
  resource: client.resource,
});
