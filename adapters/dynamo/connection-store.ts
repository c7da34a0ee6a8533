import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type Connection, type ConnectionScope, type ConnectionSlot, subjectOf } from "../../domain/connections/connection.js";
import type { ConnectionStore } from "../../domain/ports/connection-store.js";
import { conflict } from "../../domain/shared/errors.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryAll } from "./query-all.js";

/** Connections in DynamoDB, one item per slot, so "one connection per slot" is a conditional put. */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, { serverId, scope, subject }: ConnectionSlot): Promise<Connection | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.connection(tenantId, scope, subject, serverId), ConsistentRead: true }),
    );
    return Item ? connectionOf(Item) : undefined;
  }

  listForServer(tenantId: string, serverId: string): Promise<Connection[]> {
    const { gsi1pk } = keys.connectionsOfServerIndex(tenantId, serverId);
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": gsi1pk },
    }).then((items) => items.map(connectionOf));
  }

  listForSubject(tenantId: string, scope: ConnectionScope, subject: string): Promise<Connection[]> {
    const { pk, skPrefix } = keys.connectionsOfSubject(tenantId, scope, subject);
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ConsistentRead: true,
    }).then((items) => items.map(connectionOf));
  }

  async create(connection: Connection): Promise<void> {
    if (await this.put(connection, "attribute_not_exists(pk)")) return;
    const subject = connection.scope === "PLATFORM" ? "tenant" : "subject";
    throw conflict(`The server already has a ${connection.scope} connection for this ${subject}; update it instead`);
  }

  async update(next: Connection, previous: Connection): Promise<void> {
    if (!(await this.put(next, "version = :expected", previous.version))) throw staleWrite();
  }

  async delete(connection: Connection): Promise<void> {
    const deleted = await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.keyOf(connection),
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: { ":expected": connection.version },
        }),
      ),
    );
    if (!deleted) throw staleWrite();
  }

  async deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    const connections = await this.listForServer(tenantId, serverId);
    await Promise.all(
      connections.map((connection) => this.db.send(new DeleteCommand({ TableName: this.tableName, Key: this.keyOf(connection) }))),
    );
  }

  async replace(connection: Connection): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: this.itemOf(connection) }));
  }

  async takeRefreshLease(connection: Connection, owner: string, until: string, now: string): Promise<boolean> {
    const taken = await conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.keyOf(connection),
          UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until",
          ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)",
          ExpressionAttributeValues: { ":owner": owner, ":until": until, ":now": now },
        }),
      ),
    );
    return taken !== undefined;
  }

  async completeRefresh(next: Connection, owner: string): Promise<boolean> {
    // A Put without lease attributes: the new tokens and the end of the lease are one write.
    return (await this.put(next, "leaseOwner = :owner", undefined, { ":owner": owner })) !== undefined;
  }

  async releaseLease(connection: Connection, owner: string, status: Connection["status"]): Promise<void> {
    // A lease someone else took over meanwhile is theirs to end.
    await conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.keyOf(connection),
          UpdateExpression: `REMOVE leaseOwner, leaseUntil${status === "RECONNECT_REQUIRED" ? ", gsi2pk, gsi2sk" : ""} SET #status = :status`,
          ConditionExpression: "leaseOwner = :owner",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":owner": owner, ":status": status },
        }),
      ),
    );
  }

  listExpiringOAuth(before: string): Promise<Connection[]> {
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk AND gsi2sk < :before",
      ExpressionAttributeValues: { ":pk": keys.oauthRefreshQueue().gsi2pk, ":before": before },
    }).then((items) => items.map(connectionOf));
  }

  private keyOf(connection: Connection) {
    return keys.connection(connection.tenantId, connection.scope, subjectOf(connection), connection.serverId);
  }

  /** A conditional put of the connection's item; undefined when the condition did not hold. */
  private put(connection: Connection, condition: string, expectedVersion?: number, values: Record<string, unknown> = {}) {
    const allValues = { ...(expectedVersion === undefined ? {} : { ":expected": expectedVersion }), ...values };
    return conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.itemOf(connection),
          ConditionExpression: condition,
          ...(Object.keys(allValues).length ? { ExpressionAttributeValues: allValues } : {}),
        }),
      ),
    );
  }

  /** A connection's item: its keys, the server index, and the refresh job's index while it can be refreshed. */
  private itemOf(connection: Connection) {
    const item = {
      ...toItem(this.keyOf(connection), connection),
      ...keys.connectionsOfServerIndex(connection.tenantId, connection.serverId, connection.scope, subjectOf(connection)),
    };
    const { refreshToken, expiresAt, status } = connection;
    const refreshable = refreshToken !== null && expiresAt !== null && status !== "RECONNECT_REQUIRED";
    return refreshable ? { ...item, ...keys.oauthRefreshIndex(expiresAt, connection.tenantId, connection.id) } : item;
  }
}

/** Connections stored before OAuth fields existed read as having none. */
const connectionOf = (item: Record<string, unknown>): Connection => {
  const connection = fromItem<Connection>(item);
  return { ...connection, refreshToken: connection.refreshToken ?? null, scopes: connection.scopes ?? null };
};

const staleWrite = () => conflict("The connection was changed or removed by someone else; reload and retry");
