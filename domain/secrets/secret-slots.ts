import type { EncryptionContext } from "../ports/secret-cipher.js";

/**
 * Where every secret lives: the record and field its encryption context binds it to, declared
 * here once. A ciphertext copied to another record or field does not decrypt, so these strings
 * are part of the stored data: never rename one.
 */
const RECORD = {
  server: (id: string) => `server/${id}`,
  connection: (id: string) => `connection/${id}`,
  oauthClient: (serverId: string) => `oauth-client/${serverId}`,
  oauthState: (id: string) => `oauth-state/${id}`,
  embeddedChat: (id: string) => `embedded-chat/${id}`,
  signingKey: (kid: string) => `signing-key/${kid}`,
  toolCall: (id: string) => `tool-call/${id}`,
};

const FIELD = {
  credential: "credential",
  oauthClientSecret: "oauth-client-secret",
  /** A server URL's query, whose values are secrets (domain/servers/url-query.ts). */
  urlQuery: "url-query",
  refreshToken: "refresh-token",
  codeVerifier: "code-verifier",
  header: (name: string) => `header:${name.toLowerCase()}`,
  credentialField: (key: string) => `field:${key}`,
  encryptionKey: (kid: string) => `encryption-key:${kid}`,
  embeddedToken: "embedded-token",
  privateKey: "private-key",
};

/** The platform's own secrets are no tenant's: this "tenant" cannot be a tenant id (tenant ids have no `#`). */
const PLATFORM = "#platform";

/** A header list's slots: one per header name, so a value cannot move to another header. */
export type HeaderSlots = (name: string) => EncryptionContext;

const slot = (tenant: string, record: string, field: string): EncryptionContext => ({ tenant, record, field });

export const secretSlots = {
  server: (tenant: string, serverId: string) => ({
    credential: slot(tenant, RECORD.server(serverId), FIELD.credential),
    oauthClientSecret: slot(tenant, RECORD.server(serverId), FIELD.oauthClientSecret),
    urlQuery: slot(tenant, RECORD.server(serverId), FIELD.urlQuery),
    headers: ((name) => slot(tenant, RECORD.server(serverId), FIELD.header(name))) as HeaderSlots,
  }),
  connection: (tenant: string, connectionId: string) => ({
    credential: slot(tenant, RECORD.connection(connectionId), FIELD.credential),
    refreshToken: slot(tenant, RECORD.connection(connectionId), FIELD.refreshToken),
    headers: ((name) => slot(tenant, RECORD.connection(connectionId), FIELD.header(name))) as HeaderSlots,
    /** A connector's credential fields (`api_key`, `username`...), one slot per field key. */
    fields: ((key) => slot(tenant, RECORD.connection(connectionId), FIELD.credentialField(key))) as HeaderSlots,
  }),
  /** The secret of a client the platform registered itself (RFC 7591). */
  registeredClient: (tenant: string, serverId: string) => ({
    clientSecret: slot(tenant, RECORD.oauthClient(serverId), FIELD.oauthClientSecret),
  }),
  oauthState: (tenant: string, stateId: string) => ({
    codeVerifier: slot(tenant, RECORD.oauthState(stateId), FIELD.codeVerifier),
  }),
  embeddedChat: (tenant: string, chatId: string) => ({
    encryptionKey: (kid: string) => slot(tenant, RECORD.embeddedChat(chatId), FIELD.encryptionKey(kid)),
  }),
  platform: {
    signingKey: (kid: string) => slot(PLATFORM, RECORD.signingKey(kid), FIELD.privateKey),
  },
  /** The embedded chat's token a call waiting for approval will run with. */
  toolCall: (tenant: string, callId: string) => ({
    embeddedToken: slot(tenant, RECORD.toolCall(callId), FIELD.embeddedToken),
  }),
};
