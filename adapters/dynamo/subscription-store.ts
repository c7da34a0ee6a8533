import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Caller } from "../../domain/shared/caller.js";
import type { SocketConnection, StoredSubscription, SubscriptionStore } from "../../domain/ports/subscription-store.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/** A connection's index entry for one of its subscriptions: where the topic item is. */
interface IndexEntry {
  tenantId: string;
  topic: string;
}

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
    if (Item) await this.removeIndexed(connectionId, id, Item as IndexEntry);
  }

  /** Both items of a subscription, from its entry in the connection's index. */
  private async removeIndexed(connectionId: string, id: string, { tenantId, topic }: IndexEntry) {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.topicSubscription(tenantId, topic, connectionId, id) }));
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

  /** A subscription past its TTL that DynamoDB has not removed yet still counts: the delivering function then finds none. */
  async hasSubscribers(tenantId: string, topic: string): Promise<boolean> {
    const { pk, skPrefix } = keys.topicSubscriptions(tenantId, topic);
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
        ProjectionExpression: "pk",
        Limit: 1,
      }),
    );
    return (Items?.length ?? 0) > 0;
  }

  async disconnect(connectionId: string): Promise<void> {
    // The index entries the Query returns already name each subscription's topic: no read per subscription.
    const entries = await queryPartition<IndexEntry & { sk: string }>(
      this.db,
      this.tableName,
      keys.socketSubscriptions(connectionId),
      true,
    );
    await Promise.all(entries.map((entry) => this.removeIndexed(connectionId, entry.sk.slice("SUB#".length), entry)));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.socket(connectionId) }));
  }
}
