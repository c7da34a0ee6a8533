import type { ToolRecord } from "../tools/tool.js";

/**
 * Tool records. Listings and settings are written separately (`saveObservations` never touches
 * settings, `saveSettings` never touches definitions), so a refresh and an admin never undo
 * each other.
 */
export interface ToolStore {
  get(tenantId: string, serverId: string, name: string): Promise<ToolRecord | undefined>;
  listForServer(tenantId: string, serverId: string): Promise<ToolRecord[]>;
  /** Every tool record of a tenant, for the agent catalog: requests that grow with neither servers nor tools (one item per server). */
  listForTenant(tenantId: string): Promise<ToolRecord[]>;
  /** Replaces what was observed of a server's tools with `records` (every tool it knows, present or not). */
  saveObservations(tenantId: string, serverId: string, records: readonly ToolRecord[]): Promise<void>;
  saveSettings(record: ToolRecord): Promise<void>;
  deleteAllForServer(tenantId: string, serverId: string): Promise<void>;
}
