import type { McpServer } from "../servers/server.js";

/**
 * Persistence of servers. Slugs are unique per tenant: `create` and `update` fail with CONFLICT
 * when another server holds the slug, and `update`/`delete` with CONFLICT when the stored version
 * is no longer the one the caller read.
 */
export interface ServerStore {
  get(tenantId: string, id: string): Promise<McpServer | undefined>;
  list(tenantId: string): Promise<McpServer[]>;
  create(server: McpServer): Promise<void>;
  update(next: McpServer, previous: McpServer): Promise<void>;
  delete(server: McpServer): Promise<void>;
  /** Health and cache fields, written by validation and jobs without bumping the admin-facing version. */
  recordState(tenantId: string, id: string, state: ServerState): Promise<void>;
  /**
   * A check whose outcome is what the caller read (same status and error, cache already filled):
   * written like recordState, but not a change to what calls may do, so other processes keep
   * their warm copy of the tenant and may show its times up to that copy's maximum age late.
   */
  recordCheck(tenantId: string, id: string, state: ServerState): Promise<void>;
  /** Enabled servers with a tool cache, in every tenant: the refresh job's work list (a sparse index, no Scan). */
  listDueForToolRefresh(): Promise<McpServer[]>;
}

export type ServerState = Partial<
  Pick<McpServer, "status" | "lastError" | "lastValidatedAt" | "toolsCachedAt" | "protocol" | "skippedTools">
>;
