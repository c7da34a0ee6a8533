import type { SealedSecret } from "../secrets/sealed-secret.js";

/**
 * How the platform is a client of one server's authorization server, by issuer: configured by an
 * admin, registered dynamically (RFC 7591), or identified by its client metadata document URL.
 */
export type OAuthClientKind = "configured" | "registered" | "metadata-document";

export interface OAuthClientRecord {
  readonly tenantId: string;
  readonly serverId: string;
  /** The issuer: registrations are kept per issuer, so a server that moves to another authorization server registers again. */
  readonly authorizationServerUrl: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly resource: string;
  readonly redirectUri: string;
  readonly clientId: string;
  /** A registered client's own secret, sealed (a configured client's is on the server). */
  readonly clientSecret: SealedSecret | null;
  readonly kind: OAuthClientKind;
  readonly createdAt: string;
}

/** One authorization in progress: single use, bound to tenant, user, server and issuer, short-lived. */
export interface OAuthStateRecord {
  readonly tenantId: string;
  readonly id: string;
  readonly userId: string;
  readonly serverId: string;
  /** The authorization server the user was sent to: its response must come from it (RFC 9207). */
  readonly issuer: string;
  /** It advertises `iss` in authorization responses: then a response without one is refused. */
  readonly issRequired: boolean;
  readonly codeVerifier: SealedSecret;
  /** The scope it asks for, kept on the connection it makes. */
  readonly scope: string | null;
  readonly redirectUri: string;
  readonly returnTo: string | null;
  readonly expiresAt: string;
}
