import type { Connection, ConnectionScope, ConnectionSlot } from "../connections/connection.js";

/**
 * Persistence of connections. One connection per slot (server, scope, subject): `create` fails
 * with CONFLICT when the slot is taken; `update`/`delete` with CONFLICT on a stale version.
 */
export interface ConnectionStore {
  get(tenantId: string, slot: ConnectionSlot): Promise<Connection | undefined>;
  listForServer(tenantId: string, serverId: string): Promise<Connection[]>;
  /** Every connection of one subject across servers (a user's, an agent's, the tenant's). */
  listForSubject(tenantId: string, scope: ConnectionScope, subject: string): Promise<Connection[]>;
  create(connection: Connection): Promise<void>;
  update(next: Connection, previous: Connection): Promise<void>;
  delete(connection: Connection): Promise<void>;
  deleteAllForServer(tenantId: string, serverId: string): Promise<void>;
  /** An OAuth authorization replaces whatever the user had in that slot. */
  replace(connection: Connection): Promise<void>;
  /**
   * Takes the right to refresh a connection's tokens until `until`, unless someone holds it:
   * a conditional write, so of many concurrent refreshers exactly one asks the token endpoint.
   */
  takeRefreshLease(connection: Connection, owner: string, until: string, now: string): Promise<boolean>;
  /** Stores refreshed tokens and ends the lease in one write, only while `owner` still holds it. */
  completeRefresh(next: Connection, owner: string): Promise<boolean>;
  /** Ends a lease without new tokens (the refresh failed), recording the connection's status. */
  releaseLease(connection: Connection, owner: string, status: Connection["status"]): Promise<void>;
  /** OAuth connections, in every tenant, whose access token expires before `before` (the refresh job's work). */
  listExpiringOAuth(before: string): Promise<Connection[]>;
}
