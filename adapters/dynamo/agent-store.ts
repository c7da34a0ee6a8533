import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { AgentStore } from "../../domain/ports/agent-store.js";
import { keys } from "./keys.js";
import { queryPartition } from "./query-all.js";

/** Agents seen per tenant: one small item each in the tenant's AGENTS partition. */
export class DynamoAgentStore implements AgentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async note(tenantId: string, agentId: string, seenAt: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.agent(tenantId, agentId),
        UpdateExpression: "SET agentId = :agentId, firstSeenAt = if_not_exists(firstSeenAt, :seenAt)",
        ExpressionAttributeValues: { ":agentId": agentId, ":seenAt": seenAt },
      }),
    );
  }

  async list(tenantId: string): Promise<string[]> {
    return (await queryPartition<{ agentId: string }>(this.db, this.tableName, keys.agents(tenantId))).map(({ agentId }) => agentId);
  }
}
