import { randomUUID } from "node:crypto";
import { type DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { ensureTable } from "../../adapters/dynamo/table.js";
import { startEmbeddedDynamo } from "../../functions/local/embedded-dynamo.js";

export interface TestTable {
  dynamo: DynamoDBClient;
  tableName: string;
  /** Every raw item in the table, for tests that prove what was (not) stored. Tests may Scan; the service never does. */
  rawItems(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function tableAt(endpoint: string, stop: () => Promise<void>): Promise<TestTable> {
  const dynamo = createDynamoClient({ endpoint });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(dynamo, tableName);
  return {
    dynamo,
    tableName,
    rawItems: async () => (await dynamo.send(new ScanCommand({ TableName: tableName }))).Items ?? [],
    close: async () => {
      dynamo.destroy();
      await stop();
    },
  };
}

export async function dynaliteTable(): Promise<TestTable> {
  const embedded = await startEmbeddedDynamo();
  return tableAt(embedded.endpoint, () => embedded.close());
}

export const dynamoDbLocalTable = () => tableAt(inject("dynamodbLocalEndpoint"), async () => undefined);

/** False when Java is missing locally (the global setup said so): suites on DynamoDB Local skip themselves. */
export const hasDynamoDbLocal = inject("dynamodbLocalEndpoint") !== "";

/** The two emulators every store suite runs against (only dynalite without Java). */
export const DYNAMO_TARGETS = [
  { name: "dynalite", start: dynaliteTable },
  ...(hasDynamoDbLocal ? [{ name: "DynamoDB Local", start: dynamoDbLocalTable }] : []),
];
