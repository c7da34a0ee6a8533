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
}
