import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ToolCall, ToolCallStatus } from "../../domain/calls/tool-call.js";
import type { CallPage, CallPageQuery, ToolCallStore } from "../../domain/ports/tool-call-store.js";
import { readCallPage } from "./call-pages.js";
import { packPayloads, unpackPayloads } from "./call-payloads.js";
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
    return Item ? recordOf(Item) : undefined;
  }

  async create(call: ToolCall): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: await this.itemOf(call), ConditionExpression: "attribute_not_exists(pk)" }),
    );
  }

  async transition(next: ToolCall, from: ToolCallStatus, now: string): Promise<boolean> {
    const pending = from === "PENDING_APPROVAL";
    const moved = await conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: await this.itemOf(next),
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
    return readCallPage(this.db, this.tableName, query, recordOf);
  }

  listPending(tenantId: string, userId: string): Promise<ToolCall[]> {
    return queryAll<Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.pendingCallsOf(tenantId, userId).gsi1pk },
    }).then((items) => Promise.all(items.map(recordOf)));
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

  private async itemOf(call: ToolCall) {
    const retainUntil = Math.floor(Date.parse(call.createdAt) / 1000) + this.retentionDays * 86_400;
    const timelines = {
      ...keys.userCallsIndex(call.tenantId, call.requestedBy, call.createdAt, call.id),
      // Calls on a private server are its owner's alone: they stay out of what admins see.
      ...(call.privateServerOwner ? {} : keys.sharedCallsIndex(call.tenantId, call.createdAt, call.id)),
    };
    const { arguments: _arguments, result: _result, ...record } = call;
    const pending =
      call.status === "PENDING_APPROVAL" ? keys.pendingCallIndex(call.tenantId, call.requestedBy, call.createdAt, call.id) : {};
    const item = { ...toItem(keys.toolCall(call.tenantId, call.id), record), ...timelines, ...pending, expiresAt: retainUntil };
    return { ...item, ...(await packPayloads(call, item)) };
  }
}

/** The record without its retention attribute (the table's TTL, not part of the call) and with its payloads unpacked. */
async function recordOf(item: Record<string, unknown>): Promise<ToolCall> {
  const { expiresAt: _retention, argumentsJson: _arguments, resultGz: _result, ...record } = fromItem<Record<string, unknown>>(item);
  return { ...record, ...(await unpackPayloads(item)) } as unknown as ToolCall;
}
