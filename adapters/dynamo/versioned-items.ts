import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import type { ItemKey } from "./keys.js";
import { queryPartition } from "./query-all.js";

/**
 * The plain access patterns of a record kind with optimistic versions: read by key, list a
 * partition, create once, replace or delete only the version that was read. Each returns
 * whether its condition held; the store turns a false into its own CONFLICT message.
 */
export class VersionedItems<T extends { version: number }> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keyOf: (record: T) => ItemKey,
  ) {}

  async get(key: ItemKey): Promise<T | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item ? fromItem<T>(Item) : undefined;
  }

  list(partition: { pk: string; skPrefix: string }): Promise<T[]> {
    return queryPartition<T>(this.db, this.tableName, partition);
  }

  async create(record: T, extra: Record<string, unknown> = {}): Promise<boolean> {
    const put = new PutCommand({
      TableName: this.tableName,
      Item: { ...toItem(this.keyOf(record), record), ...extra },
      ConditionExpression: "attribute_not_exists(pk)",
    });
    return (await conditionalWrite(this.db.send(put))) !== undefined;
  }

  async replace(next: T, previous: T, extra: Record<string, unknown> = {}): Promise<boolean> {
    const put = new PutCommand({
      TableName: this.tableName,
      Item: { ...toItem(this.keyOf(next), next), ...extra },
      ConditionExpression: "version = :expected",
      ExpressionAttributeValues: { ":expected": previous.version },
    });
    return (await conditionalWrite(this.db.send(put))) !== undefined;
  }

  async delete(record: T): Promise<boolean> {
    const del = new DeleteCommand({
      TableName: this.tableName,
      Key: this.keyOf(record),
      ConditionExpression: "version = :expected",
      ExpressionAttributeValues: { ":expected": record.version },
    });
    return (await conditionalWrite(this.db.send(del))) !== undefined;
  }
}
