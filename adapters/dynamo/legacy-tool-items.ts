import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_SETTINGS, type ToolRecord } from "../../domain/tools/tool.js";
import { fromItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/**
 * Tool records as stored before per-server snapshots: one item per (server, tool). A server
 * without a snapshot is read from them; its first snapshot folds them in, and they are deleted.
 */
export class LegacyToolItems {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  list(tenantId: string, serverId: string): Promise<ToolRecord[]> {
    const query = keys.legacyToolsOfServer(tenantId, serverId);
    return queryPartition<Record<string, unknown>>(this.db, this.tableName, query, true).then((items) => items.map(legacyRecord));
  }
}

/** Items written by only one of the two writers lack the other's attributes. */
export const legacyRecord = (item: Record<string, unknown>): ToolRecord => {
  const record = fromItem<ToolRecord>(item);
  return {
    ...record,
    definition: record.definition ?? null,
    fingerprint: record.fingerprint ?? null,
    present: record.present ?? false,
    lastSeenAt: record.lastSeenAt ?? null,
    changedAt: record.changedAt ?? null,
    settings: { ...DEFAULT_SETTINGS, ...record.settings },
    reviewedFingerprint: record.reviewedFingerprint ?? null,
  };
};
