import type { OAuthClientRecord, OAuthStateRecord } from "../oauth/oauth-records.js";

export interface OAuthStore {
  getClient(tenantId: string, serverId: string): Promise<OAuthClientRecord | undefined>;
  /** Stores a registration unless one exists already; returns the one that is stored (two starts register once). */
  saveClientOnce(record: OAuthClientRecord): Promise<OAuthClientRecord>;
  deleteClient(tenantId: string, serverId: string): Promise<void>;
  /** The server's registration goes with the server (and when it moves to another origin). */
  deleteAllForServer(tenantId: string, serverId: string): Promise<void>;
  saveState(record: OAuthStateRecord): Promise<void>;
  /** Removes and returns a state; a second consumer gets nothing (single use). */
  consumeState(tenantId: string, id: string): Promise<OAuthStateRecord | undefined>;
}
