import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Caller } from "../../domain/shared/caller.js";
import type { SocketConnection, StoredSubscription, SubscriptionStore } from "../../domain/ports/subscription-store.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/** API Gateway closes a WebSocket after 2 hours at most: nothing of it is kept longer. */
const CONNECTION_SECONDS = 2 * 3600;

/** Subscriptions by topic, and by connection for cleanup: two items each, single-item writes. */
export class DynamoSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private expiresAt() {
    return Math.floor(this.now().getTime() / 1000) + CONNECTION_SECONDS;
  }

  async connect(connectionId: string, connectedAt: string): Promise<void> {
    const item = toItem(keys.socket(connectionId), { connectionId, caller: null, connectedAt, expiresAt: this.expiresAt() });
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async connection(connectionId: string): Promise<SocketConnection | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.socket(connectionId), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) * 1000 < this.now().getTime()) return undefined;
    const { expiresAt: _ttl, ...connection } = fromItem<SocketConnection & { expiresAt: number }>(Item);
    return connection;
  }

  async authenticate(connectionId: string, caller: Caller): Promise<boolean> {
    const written = await conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.socket(connectionId),
          UpdateExpression: "SET caller = :caller",
          ConditionExpression: "attribute_exists(pk) AND caller = :none",
          ExpressionAttributeValues: { ":caller": caller, ":none": null },
        }),
      ),
    );
    return written !== undefined;
  }

  async add(subscription: StoredSubscription): Promise<boolean> {
    const { connectionId, id, topic, caller } = subscription;
    const expiresAt = this.expiresAt();
    // The connection's index entry first, and only once: it is what claims the id and what cleanup finds.
    const index = toItem(keys.socketSubscription(connectionId, id), { tenantId: caller.tenantId, topic, expiresAt });
    const claimed = await conditionalWrite(
      this.db.send(new PutCommand({ TableName: this.tableName, Item: index, ConditionExpression: "attribute_not_exists(pk)" })),
    );
    if (claimed === undefined) return false;
    const byTopic = { ...toItem(keys.topicSubscription(caller.tenantId, topic, connectionId, id), subscription), expiresAt };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: byTopic }));
    return true;
  }

  async remove(connectionId: string, id: string): Promise<void> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.socketSubscription(connectionId, id), ConsistentRead: true }),
    );
    if (Item)
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.topicSubscription(Item.tenantId as string, Item.topic as string, connectionId, id),
        }),
      );
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.socketSubscription(connectionId, id) }));
  }

  async forTopic(tenantId: string, topic: string): Promise<StoredSubscription[]> {
    const now = this.now().getTime() / 1000;
    const items = await queryPartition<StoredSubscription & { expiresAt: number }>(
      this.db,
      this.tableName,
      keys.topicSubscriptions(tenantId, topic),
    );
    return items.filter((item) => item.expiresAt > now).map(({ expiresAt: _ttl, ...subscription }) => subscription);
  }

  async disconnect(connectionId: string): Promise<void> {
    const items = await queryPartition<{ sk: string }>(this.db, this.tableName, keys.socketSubscriptions(connectionId), true);
    await Promise.all(items.map((item) => this.remove(connectionId, item.sk.slice("SUB#".length))));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.socket(connectionId) }));
  }
}
