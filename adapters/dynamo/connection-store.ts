import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type Connection, type ConnectionScope, type ConnectionSlot, subjectOf } from "../../domain/connections/connection.js";
import type { ConnectionStore } from "../../domain/ports/connection-store.js";
import { conflict } from "../../domain/shared/errors.js";
import { isConditionFailure } from "./client.js";
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
    return Item ? fromItem<Connection>(Item) : undefined;
  }

  listForServer(tenantId: string, serverId: string): Promise<Connection[]> {
    const { gsi1pk } = keys.connectionsOfServerIndex(tenantId, serverId);
    return queryAll<Connection>(this.db, {
      TableName: this.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": gsi1pk },
    });
  }

  listForSubject(tenantId: string, scope: ConnectionScope, subject: string): Promise<Connection[]> {
    const { pk, skPrefix } = keys.connectionsOfSubject(tenantId, scope, subject);
    return queryAll<Connection>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ConsistentRead: true,
    });
  }

  async create(connection: Connection): Promise<void> {
    try {
      await this.put(connection, "attribute_not_exists(pk)");
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw conflict(`The server already has a ${connection.scope} connection for this ${connection.scope === "PLATFORM" ? "tenant" : "subject"}; update it instead`);
    }
  }

  async update(next: Connection, previous: Connection): Promise<void> {
    try {
      await this.put(next, "version = :expected", previous.version);
    } catch (error) {
      throw isConditionFailure(error) ? staleWrite() : error;
    }
  }

  async delete(connection: Connection): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.keyOf(connection),
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: { ":expected": connection.version },
        }),
      );
    } catch (error) {
      throw isConditionFailure(error) ? staleWrite() : error;
    }
  }

  async deleteAllForServer(tenantId: string, serverId: string): Promise<void> {
    const connections = await this.listForServer(tenantId, serverId);
    await Promise.all(
      connections.map((connection) => this.db.send(new DeleteCommand({ TableName: this.tableName, Key: this.keyOf(connection) }))),
    );
  }

  private keyOf(connection: Connection) {
    return keys.connection(connection.tenantId, connection.scope, subjectOf(connection), connection.serverId);
  }

  private put(connection: Connection, condition: string, expectedVersion?: number) {
    const index = keys.connectionsOfServerIndex(connection.tenantId, connection.serverId, connection.scope, subjectOf(connection));
    return this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...toItem(this.keyOf(connection), connection), ...index },
        ConditionExpression: condition,
        ...(expectedVersion === undefined ? {} : { ExpressionAttributeValues: { ":expected": expectedVersion } }),
      }),
    );
  }
}

const staleWrite = () => conflict("The connection was changed or removed by someone else; reload and retry");
