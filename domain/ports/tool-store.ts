import type { ToolRecord } from "../tools/tool.js";

/**
 * Tool records. Listings and settings are written separately (`saveObservations` never touches
 * settings, `saveSettings` never touches definitions), so a refresh and an admin never undo
 * each other.
 */
export interface ToolStore {
  get(tenantId: string, serverId: string, name: string): Promise<ToolRecord | undefined>;
  listForServer(tenantId: string, serverId: string): Promise<ToolRecord[]>;
  /** Every tool record of a tenant, for the agent catalog: a constant number of requests, whatever the number of servers. */
  listForTenant(tenantId: string): Promise<ToolRecord[]>;
  saveObservations(records: readonly ToolRecord[]): Promise<void>;
  saveSettings(record: ToolRecord): Promise<void>;
  deleteAllForServer(tenantId: string, serverId: string): Promise<void>;
}
