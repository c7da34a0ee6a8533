import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "./keys.js";

/** Per tenant, a counter of configuration changes: one small item, read consistently by warm caches. */
export class DynamoConfigVersions {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(tenantId: string): Promise<number> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.configVersion(tenantId), ConsistentRead: true }),
    );
    return (Item?.version as number | undefined) ?? 0;
  }

  async bump(tenantId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.configVersion(tenantId),
        UpdateExpression: "ADD version :one",
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
  }
}
