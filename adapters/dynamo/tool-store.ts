import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { forEachLimited } from "../../domain/shared/concurrency.js";
import type { ToolStore } from "../../domain/ports/tool-store.js";
import { DEFAULT_SETTINGS, type ToolRecord } from "../../domain/tools/tool.js";
import { batchWriteAll } from "./batch-write.js";
import { fromItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { setExpression } from "./set-expression.js";
import { queryAll } from "./query-all.js";

/** Tool records, one item per (server, tool) in the tenant's TOOLS partition. */
export class DynamoToolStore implements ToolStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, serverId: string, name: string): Promise<ToolRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.tool(tenantId, serverId, name), ConsistentRead: true }),
    );
    return Item ? withDefaults(fromItem<ToolRecord>(Item)) : undefined;
  }

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
    await forEachLimited(records, 25, ({ tenantId, serverId, name, definition, fingerprint, present, lastSeenAt, changedAt, embedding }) =>
      this.update(
        { tenantId, serverId, name },
        // A changed tool's old embedding is cleared (null), never left describing its former definition.
        { tenantId, serverId, name, definition, fingerprint, present, lastSeenAt, changedAt, embedding: embedding ?? null },
      ),
    );
  }

  async saveSettings(record: ToolRecord): Promise<void> {
    const { tenantId, serverId, name, settings, reviewedFingerprint } = record;
    await this.update({ tenantId, serverId, name }, { tenantId, serverId, name, settings, reviewedFingerprint });
  }

  async deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    const records = await this.listForServer(tenantId, serverId);
    await forEachLimited(chunk(records, 25), 4, (batch) =>
      batchWriteAll(
        this.db,
        this.tableName,
        batch.map((record) => ({ DeleteRequest: { Key: keys.tool(tenantId, serverId, record.name) } })),
      ),
    );
  }

  /** Writes only the given attributes, so the other writer's attributes stay as they are. */
  private update(where: Pick<ToolRecord, "tenantId" | "serverId" | "name">, attributes: Partial<ToolRecord>) {
    return this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.tool(where.tenantId, where.serverId, where.name),
        ...setExpression(attributes),
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
