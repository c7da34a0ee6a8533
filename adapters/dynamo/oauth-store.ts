import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { OAuthClientRecord, OAuthStateRecord } from "../../domain/oauth/oauth-records.js";
import type { OAuthStore } from "../../domain/ports/oauth-store.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/** OAuth registrations (per server and issuer) and authorization states (single use, TTL-expired). */
export class DynamoOAuthStore implements OAuthStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getClient(tenantId: string, serverId: string, issuer?: string): Promise<OAuthClientRecord | undefined> {
    const all = await queryPartition<Record<string, unknown>>(this.db, this.tableName, keys.oauthClientsOfServer(tenantId, serverId)).then(
      (items) => items.map(clientOf),
    );
    const matching = issuer === undefined ? all : all.filter((client) => client.authorizationServerUrl === issuer);
    return matching.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  }

  async saveClientOnce(record: OAuthClientRecord): Promise<OAuthClientRecord> {
    const item = toItem(keys.oauthClient(record.tenantId, record.serverId, record.authorizationServerUrl), record);
    const saved = await conditionalWrite(
      this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" })),
    );
    // Someone registered first: theirs is the registration.
    return saved ? record : (await this.getClient(record.tenantId, record.serverId, record.authorizationServerUrl))!;
  }

  async deleteClient(record: OAuthClientRecord): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keys.oauthClient(record.tenantId, record.serverId, record.authorizationServerUrl),
      }),
    );
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.legacyOAuthClient(record.tenantId, record.serverId) }));
  }

  async deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    const items = await queryPartition<Record<string, unknown>>(
      this.db,
      this.tableName,
      keys.oauthClientsOfServer(tenantId, serverId),
      true,
    );
    await Promise.all(
      items.map((item) => this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }))),
    );
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

  async peekState(tenantId: string, id: string): Promise<OAuthStateRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.oauthState(tenantId, id), ConsistentRead: true }),
    );
    return Item ? stateOf(Item) : undefined;
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
    return deleted?.Attributes ? stateOf(deleted.Attributes) : undefined;
  }
}

function stateOf(item: Record<string, unknown>): OAuthStateRecord {
  const { stateExpiresAt, expiresAt: _ttl, ...rest } = fromItem<Record<string, unknown>>(item);
  return { ...rest, expiresAt: stateExpiresAt } as unknown as OAuthStateRecord;
}

/** Registrations stored before kinds existed said `dynamic: true|false`. */
function clientOf(item: Record<string, unknown>): OAuthClientRecord {
  const { dynamic, ...record } = fromItem<OAuthClientRecord & { dynamic?: boolean }>(item);
  return { ...record, kind: record.kind ?? (dynamic ? "registered" : "configured") };
}
