import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { fromItem } from "./item-codec.js";

/** Every item a Query matches, keys included, page after page. */
export async function queryItems<T>(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery({ client: db }, input)) items.push(...((page.Items ?? []) as T[]));
  return items;
}

/** Every record a Query matches, page after page (a page stops at 1 MB). */
export async function queryAll<T>(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<T[]> {
  const records: T[] = [];
  for await (const page of paginateQuery({ client: db }, input)) {
    records.push(...(page.Items ?? []).map((item) => fromItem<T>(item)));
  }
  return records;
}

/** Every record of a partition whose sort keys start with `skPrefix`, read consistently. */
export const queryPartition = <T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  { pk, skPrefix }: { pk: string; skPrefix: string },
  withKeys = false,
) =>
  (withKeys ? queryItems : queryAll)<T>(db, {
    TableName: tableName,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
