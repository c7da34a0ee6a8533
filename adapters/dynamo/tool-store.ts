import { randomUUID } from "node:crypto";
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ToolStore } from "../../domain/ports/tool-store.js";
import type { ToolRecord } from "../../domain/tools/tool.js";
import { batchWriteAll } from "./batch-write.js";
import { conditionalWrite } from "./conditional-write.js";
import { LegacyToolItems, legacyRecord } from "./legacy-tool-items.js";
import { keys, TOOL_SET_PREFIX } from "./keys.js";
import { queryItems, queryPartition } from "./query-all.js";
import { packObservations, settingsKey, settingsMapOf, type SnapshotHead, type SnapshotPart, unpackSnapshot } from "./tool-snapshot.js";

type Item = Record<string, unknown> & { pk: string; sk: string };

/**
 * Tool records, one compressed snapshot per server in the tenant's TOOLS partition (see
 * tool-snapshot.ts): the catalog reads one item per server, whatever its number of tools. A
 * refresh rewrites a server's observations; an admin writes one tool's entry in the settings map.
 */
export class DynamoToolStore implements ToolStore {
  private readonly legacy: LegacyToolItems;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.legacy = new LegacyToolItems(db, tableName);
  }

  async get(tenantId: string, serverId: string, name: string): Promise<ToolRecord | undefined> {
    return (await this.listForServer(tenantId, serverId)).find((record) => record.name === name);
  }

  async listForServer(tenantId: string, serverId: string): Promise<ToolRecord[]> {
    // A rewrite that lands between reading the head and its parts is read again: it is over by then.
    for (let attempt = 0; attempt < 3; attempt++) {
      const { heads, parts } = sorted(await queryPartition<Item>(this.db, this.tableName, keys.toolSetOfServer(tenantId, serverId), true));
      const [head] = heads;
      if (!head) return this.legacy.list(tenantId, serverId);
      const records = await unpackSnapshot(head, parts);
      if (records !== "torn") return records;
    }
    throw new Error(`The tools of server ${serverId} kept changing while being read`);
  }

  async listForTenant(tenantId: string): Promise<ToolRecord[]> {
    const items = await queryItems<Item>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.toolsOfTenant(tenantId).pk },
    });
    const { heads, parts, legacy } = sorted(items);
    const withSnapshot = new Set(heads.map((head) => head.serverId));
    const snapshots = await Promise.all(
      heads.map(async (head) => {
        const records = await unpackSnapshot(
          head,
          parts.filter((part) => part.serverId === head.serverId),
        );
        return records === "torn" ? this.listForServer(tenantId, head.serverId) : records;
      }),
    );
    return [...snapshots.flat(), ...legacy.map(legacyRecord).filter((record) => !withSnapshot.has(record.serverId))];
  }

  /** Replaces the server's observations with those of `records` (all it knows); settings stay as they are. */
  async saveObservations(tenantId: string, serverId: string, records: readonly ToolRecord[]): Promise<void> {
    const [first = new Uint8Array(), ...more] = await packObservations(records);
    const revision = randomUUID();
    // Further parts go first, under a new revision: the head's switch to that revision commits them.
    await this.putParts(tenantId, serverId, revision, more);
    const { Attributes: before } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.toolSetHead(tenantId, serverId),
        UpdateExpression:
          "SET #tenantId = :tenantId, #serverId = :serverId, #observed = :observed, #parts = :parts, #revision = :revision, " +
          "#settings = if_not_exists(#settings, :settings)",
        ExpressionAttributeNames: Object.fromEntries(
          ["tenantId", "serverId", "observed", "parts", "revision", "settings"].map((name) => [`#${name}`, name]),
        ),
        ExpressionAttributeValues: {
          ":tenantId": tenantId,
          ":serverId": serverId,
          ":observed": first,
          ":parts": more.length + 1,
          ":revision": revision,
          // A first snapshot starts from the settings the caller read (from items kept before snapshots, if any).
          ":settings": settingsMapOf(records),
        },
        ReturnValues: "UPDATED_OLD",
      }),
    );
    const replaced = before as Pick<SnapshotHead, "revision" | "parts" | "settings"> | undefined;
    if (replaced?.revision) await this.deleteParts(tenantId, serverId, replaced.revision, replaced.parts ?? 1);
    if (!replaced?.settings) await this.deleteLegacy(tenantId, serverId);
  }

  async saveSettings(record: ToolRecord): Promise<void> {
    const { tenantId, serverId, name, settings, reviewedFingerprint } = record;
    const setEntry = () =>
      conditionalWrite(
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.toolSetHead(tenantId, serverId),
            UpdateExpression: "SET #settings.#name = :entry",
            ConditionExpression: "attribute_exists(#settings)",
            ExpressionAttributeNames: { "#settings": "settings", "#name": settingsKey(name) },
            ExpressionAttributeValues: { ":entry": { settings, reviewedFingerprint } },
          }),
        ),
      );
    if (await setEntry()) return;
    // The server has no snapshot yet: make one from what is known of it, then set the entry in it.
    await this.saveObservations(tenantId, serverId, await this.listForServer(tenantId, serverId));
    if (!(await setEntry())) throw new Error(`The tools of server ${serverId} were deleted while being set`);
  }

  async deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    const items = await queryPartition<Item>(this.db, this.tableName, keys.toolSetOfServer(tenantId, serverId), true);
    await this.deleteKeys(items.map(({ pk, sk }) => ({ pk, sk })));
    await this.deleteLegacy(tenantId, serverId);
  }

  private async putParts(tenantId: string, serverId: string, revision: string, parts: readonly Uint8Array[]) {
    const items = parts.map((observed, offset) => ({
      ...keys.toolSetPart(tenantId, serverId, revision, offset + 1),
      serverId,
      revision,
      index: offset + 1,
      observed,
    }));
    await batchWriteAll(
      this.db,
      this.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
  }

  private deleteParts(tenantId: string, serverId: string, revision: string, count: number) {
    const indexes = Array.from({ length: count - 1 }, (_, offset) => offset + 1);
    return this.deleteKeys(indexes.map((index) => keys.toolSetPart(tenantId, serverId, revision, index)));
  }

  /** Items from before snapshots, once the server's first snapshot has taken them in. */
  private async deleteLegacy(tenantId: string, serverId: string) {
    const items = await queryPartition<Item>(this.db, this.tableName, keys.legacyToolsOfServer(tenantId, serverId), true);
    await this.deleteKeys(items.map(({ pk, sk }) => ({ pk, sk })));
  }

  private deleteKeys(itemKeys: ReadonlyArray<{ pk: string; sk: string }>) {
    return batchWriteAll(
      this.db,
      this.tableName,
      itemKeys.map((Key) => ({ DeleteRequest: { Key } })),
    );
  }
}

/** A query's items by kind: snapshot heads, snapshot parts, and per-tool items from before snapshots. */
function sorted(items: readonly Item[]) {
  const heads: SnapshotHead[] = [];
  const parts: SnapshotPart[] = [];
  const legacy: Item[] = [];
  for (const item of items) {
    if (!item.sk.startsWith(TOOL_SET_PREFIX)) legacy.push(item);
    else if (item.sk.endsWith("#HEAD")) heads.push(item as unknown as SnapshotHead);
    else parts.push(item as unknown as SnapshotPart);
  }
  return { heads, parts, legacy };
}
