import { BatchWriteCommand, type BatchWriteCommandInput, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { forEachLimited } from "../../domain/shared/concurrency.js";

type WriteRequest = NonNullable<BatchWriteCommandInput["RequestItems"]>[string][number];

/** BATCH_SIZE: BatchWriteItem's limit per request; a few batches go at once. */
const BATCH_SIZE = 25;
const BATCHES_AT_ONCE = 4;

/** Any number of writes as BatchWriteItem requests of at most 25, resending what DynamoDB left unprocessed under load. */
export async function batchWriteAll(db: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  const batches = Array.from({ length: Math.ceil(requests.length / BATCH_SIZE) }, (_, index) =>
    requests.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE),
  );
  await forEachLimited(batches, BATCHES_AT_ONCE, (batch) => writeBatch(db, tableName, batch));
}

async function writeBatch(db: DynamoDBDocumentClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    if (attempt > 8) throw new Error("DynamoDB kept leaving batch writes unprocessed");
    const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = UnprocessedItems?.[tableName] ?? [];
  }
}
