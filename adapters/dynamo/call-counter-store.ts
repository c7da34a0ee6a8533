import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { CounterRow } from "../../domain/calls/call-counters.js";
import type { CallCounterStore } from "../../domain/ports/call-counter-store.js";
import { keys } from "./keys.js";
import { queryAll } from "./query-all.js";

type Item = Record<string, unknown>;

/** One item per (day, server, tool) in the tenant's METRICS partition; durations as one number attribute per bucket (`b<i>`). */
export class DynamoCallCounterStore implements CallCounterStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(tenantId: string, day: string, row: CounterRow): Promise<void> {
    const buckets = Object.entries(row.buckets);
    const additions = [
      "calls :calls, failures :failures, rejections :rejections",
      ...buckets.map(([index]) => `b${Number(index)} :b${Number(index)}`),
    ];
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.callCounters(tenantId, day, row.serverId, row.toolName),
        UpdateExpression: `SET serverId = :serverId, toolName = :toolName ADD ${additions.join(", ")}`,
        ExpressionAttributeValues: {
          ":serverId": row.serverId,
          ":toolName": row.toolName,
          ":calls": row.calls,
          ":failures": row.failures,
          ":rejections": row.rejections,
          ...Object.fromEntries(buckets.map(([index, count]) => [`:b${Number(index)}`, count])),
        },
      }),
    );
  }

  async read(tenantId: string, sinceDay: string, serverId?: string): Promise<CounterRow[]> {
    const items = await queryAll<Item>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND sk >= :since",
      ...(serverId ? { FilterExpression: "serverId = :serverId" } : {}),
      ExpressionAttributeValues: {
        ":pk": keys.callCountersOf(tenantId).pk,
        ":since": sinceDay,
        ...(serverId ? { ":serverId": serverId } : {}),
      },
    });
    return items.map((item) => ({
      serverId: item.serverId as string,
      toolName: item.toolName as string,
      calls: (item.calls as number) ?? 0,
      failures: (item.failures as number) ?? 0,
      rejections: (item.rejections as number) ?? 0,
      buckets: Object.fromEntries(
        Object.entries(item)
          .filter(([name]) => /^b\d+$/.test(name))
          .map(([name, count]) => [name.slice(1), count as number]),
      ),
    }));
  }
}
