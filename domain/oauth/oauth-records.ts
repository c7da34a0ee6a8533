import type { SealedSecret } from "../secrets/sealed-secret.js";

/** How the platform is registered with one server's authorization server (dynamic or configured). */
export interface OAuthClientRecord {
  readonly tenantId: string;
  readonly serverId: string;
  readonly authorizationServerUrl: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly resource: string;
  readonly redirectUri: string;
  readonly clientId: string;
  readonly clientSecret: SealedSecret | null;
  /** Whether it came from dynamic client registration (RFC 7591) or the server's configuration. */
  readonly dynamic: boolean;
  readonly createdAt: string;
}

/** One authorization in progress: single use, bound to tenant, user and server, short-lived. */
export interface OAuthStateRecord {
  readonly tenantId: string;
  readonly id: string;
  readonly userId: string;
  readonly serverId: string;
  readonly codeVerifier: SealedSecret;
  readonly redirectUri: string;
  readonly returnTo: string | null;
  readonly expiresAt: string;
}
