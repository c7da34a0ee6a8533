import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { OAuthClientRecord, OAuthStateRecord } from "../../domain/oauth/oauth-records.js";
import type { OAuthStore } from "../../domain/ports/oauth-store.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";

/** OAuth registrations (one per server) and authorization states (single use, TTL-expired). */
export class DynamoOAuthStore implements OAuthStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getClient(tenantId: string, serverId: string): Promise<OAuthClientRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.oauthClient(tenantId, serverId), ConsistentRead: true }),
    );
    return Item ? fromItem<OAuthClientRecord>(Item) : undefined;
  }

  async saveClientOnce(record: OAuthClientRecord): Promise<OAuthClientRecord> {
    const item = toItem(keys.oauthClient(record.tenantId, record.serverId), record);
    const saved = await conditionalWrite(
      this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" })),
    );
    // Someone registered first: theirs is the registration.
    return saved ? record : (await this.getClient(record.tenantId, record.serverId))!;
  }

  async deleteClient(tenantId: string, serverId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.oauthClient(tenantId, serverId) }));
  }

  deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    return this.deleteClient(tenantId, serverId);
  }

  async saveState(record: OAuthStateRecord): Promise<void> {
    const ttl = Math.ceil(Date.parse(record.expiresAt) / 1000);
    // `expiresAt` is both the record's deadline (ISO) and the table's TTL attribute (epoch seconds): keep them apart.
    const { expiresAt, ...rest } = record;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...toItem(keys.oauthState(record.tenantId, record.id), { ...rest, stateExpiresAt: expiresAt }), expiresAt: ttl },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  }

  async consumeState(tenantId: string, id: string): Promise<OAuthStateRecord | undefined> {
    const deleted = await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.oauthState(tenantId, id),
          ConditionExpression: "attribute_exists(pk)",
          ReturnValues: "ALL_OLD",
        }),
      ),
    );
    if (!deleted?.Attributes) return undefined;
    const { stateExpiresAt, expiresAt: _ttl, ...rest } = fromItem<Record<string, unknown>>(deleted.Attributes);
    return { ...rest, expiresAt: stateExpiresAt } as unknown as OAuthStateRecord;
  }
}
