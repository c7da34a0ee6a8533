import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ToolCall, ToolCallStatus } from "../../domain/calls/tool-call.js";
import type { CallPage, CallPageQuery, ToolCallStore } from "../../domain/ports/tool-call-store.js";
import { readCallPage } from "./call-pages.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { queryAll } from "./query-all.js";

/** Tool calls and their audit trail; items expire (DynamoDB TTL on `expiresAt`) after the retention period. */
export class DynamoToolCallStore implements ToolCallStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays = 365,
  ) {}

  async get(tenantId: string, id: string): Promise<ToolCall | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.toolCall(tenantId, id), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  }

  async create(call: ToolCall): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: this.itemOf(call), ConditionExpression: "attribute_not_exists(pk)" }),
    );
  }

  async transition(next: ToolCall, from: ToolCallStatus, now: string): Promise<boolean> {
    const pending = from === "PENDING_APPROVAL";
    const moved = await conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.itemOf(next),
          // A pending call past its deadline can no longer move: it reads EXPIRED.
          ConditionExpression: pending ? "#status = :from AND approvalExpiresAt > :now" : "#status = :from",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":from": from, ...(pending ? { ":now": now } : {}) },
        }),
      ),
    );
    return moved !== undefined;
  }

  page(query: CallPageQuery): Promise<CallPage> {
    return readCallPage(this.db, this.tableName, query, strip);
  }

  listPending(tenantId: string, userId: string): Promise<ToolCall[]> {
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.pendingCallsOf(tenantId, userId).gsi1pk },
    }).then((items) => items.map(strip));
  }

  async listRunningSince(cutoff: string): Promise<ToolCall[]> {
    const shards = await Promise.all(
      keys.runningCallQueues().map(({ gsi1pk }) =>
        queryAll<Record<string, unknown>>(this.db, {
          TableName: this.tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :cutoff",
          // A sort key continues past the instant (`#tenant#id`): every call started at the cutoff itself sorts below this.
          ExpressionAttributeValues: { ":pk": gsi1pk, ":cutoff": `${cutoff}#\uffff` },
        }),
      ),
    );
    return shards.flat().map(strip);
  }

  async retryPointer(tenantId: string, fingerprint: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.retryPointer(tenantId, fingerprint), ConsistentRead: true }),
    );
    // The table's TTL deletes lazily: a pointer past its deadline reads as none.
    return Item && (Item.expiresAt as number) * 1000 > Date.now() ? (Item.callId as string) : undefined;
  }

  async holdRetry(tenantId: string, fingerprint: string, callId: string, until: string): Promise<void> {
    const item = { ...keys.retryPointer(tenantId, fingerprint), callId, expiresAt: Math.floor(Date.parse(until) / 1000) };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async releaseRetry(tenantId: string, fingerprint: string, callId: string): Promise<boolean> {
    const released = await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.retryPointer(tenantId, fingerprint),
          ConditionExpression: "callId = :id",
          ExpressionAttributeValues: { ":id": callId },
        }),
      ),
    );
    return released !== undefined;
  }

  private itemOf(call: ToolCall) {
    const retainUntil = Math.floor(Date.parse(call.createdAt) / 1000) + this.retentionDays * 86_400;
    const timelines = {
      ...keys.userCallsIndex(call.tenantId, call.requestedBy, call.createdAt, call.id),
      // Calls on a private server are its owner's alone: they stay out of what admins see.
      ...(call.privateServerOwner ? {} : keys.sharedCallsIndex(call.tenantId, call.createdAt, call.id)),
    };
    const item = { ...toItem(keys.toolCall(call.tenantId, call.id), call), ...timelines, expiresAt: retainUntil };
    if (call.status === "PENDING_APPROVAL")
      return { ...item, ...keys.pendingCallIndex(call.tenantId, call.requestedBy, call.createdAt, call.id) };
    // A RUNNING call's updatedAt is when it started running (see runningSinceCutoff).
    if (call.status === "RUNNING") return { ...item, ...keys.runningCallIndex(call.tenantId, call.id, call.updatedAt) };
    return item;
  }
}

/** The record without its retention attribute (the table's TTL, not part of the call). */
function strip(item: Record<string, unknown>): ToolCall {
  const { expiresAt: _retention, ...record } = fromItem<Record<string, unknown>>(item);
  return record as unknown as ToolCall;
}
