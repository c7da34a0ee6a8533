import type { OAuthClientRecord, OAuthStateRecord } from "../oauth/oauth-records.js";

export interface OAuthStore {
  /** The registration with `issuer`; without an issuer (connections made before registrations were kept per issuer), the newest. */
  getClient(tenantId: string, serverId: string, issuer?: string): Promise<OAuthClientRecord | undefined>;
  /** Stores a registration unless one exists already for its issuer; returns the one that is stored (two starts register once). */
  saveClientOnce(record: OAuthClientRecord): Promise<OAuthClientRecord>;
  deleteClient(record: OAuthClientRecord): Promise<void>;
  /** The server's registrations go with the server (and when it moves to another origin). */
  deleteAllForServer(tenantId: string, serverId: string): Promise<void>;
  saveState(record: OAuthStateRecord): Promise<void>;
  /** A state, without using it up (the callback reads where to send the browser). */
  peekState(tenantId: string, id: string): Promise<OAuthStateRecord | undefined>;
  /** Removes and returns a state; a second consumer gets nothing (single use). */
  consumeState(tenantId: string, id: string): Promise<OAuthStateRecord | undefined>;
}
