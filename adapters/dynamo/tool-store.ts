import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { forEachLimited } from "../../domain/shared/concurrency.js";
import type { ToolStore } from "../../domain/ports/tool-store.js";
import { DEFAULT_SETTINGS, type ToolRecord } from "../../domain/tools/tool.js";
import { batchWriteAll } from "./batch-write.js";
import { keys } from "./keys.js";
import { queryAll } from "./query-all.js";

/** Tool records, one item per (server, tool) in the tenant's TOOLS partition. */
export class DynamoToolStore implements ToolStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  listForServer(tenantId: string, serverId: string): Promise<ToolRecord[]> {
    const { pk, skPrefix } = keys.toolsOfServer(tenantId, serverId);
    return queryAll<ToolRecord>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ConsistentRead: true,
    }).then((records) => records.map(withDefaults));
  }

  listForTenant(tenantId: string): Promise<ToolRecord[]> {
    return queryAll<ToolRecord>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.toolsOfTenant(tenantId).pk },
    }).then((records) => records.map(withDefaults));
  }

  async saveObservations(records: readonly ToolRecord[]): Promise<void> {
    await forEachLimited(records, 25, (record) =>
      this.update(record, "SET tenantId = :tenant, serverId = :server, #name = :name, definition = :definition, fingerprint = :fingerprint, present = :present, lastSeenAt = :seen, changedAt = :changed", {
        ":tenant": record.tenantId,
        ":server": record.serverId,
        ":name": record.name,
        ":definition": record.definition,
        ":fingerprint": record.fingerprint,
        ":present": record.present,
        ":seen": record.lastSeenAt,
        ":changed": record.changedAt,
      }),
    );
  }

  async saveSettings(record: ToolRecord): Promise<void> {
    await this.update(record, "SET tenantId = :tenant, serverId = :server, #name = :name, settings = :settings, reviewedFingerprint = :reviewed", {
      ":tenant": record.tenantId,
      ":server": record.serverId,
      ":name": record.name,
      ":settings": record.settings,
      ":reviewed": record.reviewedFingerprint,
    });
  }

  async deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    const records = await this.listForServer(tenantId, serverId);
    await forEachLimited(chunk(records, 25), 4, (batch) =>
      batchWriteAll(this.db, this.tableName, batch.map((record) => ({ DeleteRequest: { Key: keys.tool(tenantId, serverId, record.name) } }))),
    );
  }

  private update(record: ToolRecord, expression: string, values: Record<string, unknown>) {
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.tool(record.tenantId, record.serverId, record.name),
        UpdateExpression: expression,
        ExpressionAttributeNames: { "#name": "name" },
        ExpressionAttributeValues: values,
      }),
    );
  }
}

/** Items written by only one of the two writers lack the other's attributes. */
const withDefaults = (record: ToolRecord): ToolRecord => ({
  ...record,
  definition: record.definition ?? null,
  fingerprint: record.fingerprint ?? null,
  present: record.present ?? false,
  lastSeenAt: record.lastSeenAt ?? null,
  changedAt: record.changedAt ?? null,
  settings: { ...DEFAULT_SETTINGS, ...record.settings },
  reviewedFingerprint: record.reviewedFingerprint ?? null,
});

const chunk = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));

