import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Connector } from "../../domain/connectors/connector.js";
import type { ConnectorStore } from "../../domain/ports/connector-store.js";
import { conflict } from "../../domain/shared/errors.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/** Connectors, one item each, keyed by their slug: creating one whose slug is taken fails its condition. */
export class DynamoConnectorStore implements ConnectorStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string): Promise<Connector | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.connector(tenantId, id), ConsistentRead: true }),
    );
    return Item ? fromItem<Connector>(Item) : undefined;
  }

  list(tenantId: string): Promise<Connector[]> {
    return queryPartition<Connector>(this.db, this.tableName, keys.connectors(tenantId));
  }

  async create(connector: Connector): Promise<void> {
    const item = toItem(keys.connector(connector.tenantId, connector.id), connector);
    const written = await conditionalWrite(
      this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" })),
    );
    if (!written) throw conflict(`A connector with the slug "${connector.slug}" exists already`);
  }

  async update(next: Connector, previous: Connector): Promise<void> {
    const written = await conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(keys.connector(next.tenantId, next.id), next),
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: { ":expected": previous.version },
        }),
      ),
    );
    if (!written) throw conflict("The connector changed meanwhile; reload and retry");
  }

  async delete(connector: Connector): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.connector(connector.tenantId, connector.id) }));
  }
}
