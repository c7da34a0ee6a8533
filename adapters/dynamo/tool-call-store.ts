import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ToolCall, ToolCallStatus } from "../../domain/calls/tool-call.js";
import type { CallPage, CallPageQuery, KeyClaim, ToolCallStore } from "../../domain/ports/tool-call-store.js";
import { readCallPage } from "./call-pages.js";
import { packPayloads, unpackPayloads } from "./call-payloads.js";
import { conditionalWrite } from "./conditional-write.js";
import { fromItem, toItem, ttlOf } from "./item-codec.js";
import { type ItemKey, keys } from "./keys.js";
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
    return Promise.all(shards.flat().map(recordOf));
  }

  async retryPointer(tenantId: string, fingerprint: string): Promise<string | undefined> {
    return (await this.liveItem(keys.retryPointer(tenantId, fingerprint), Date.now()))?.callId as string | undefined;
  }

  async holdRetry(tenantId: string, fingerprint: string, callId: string, until: string): Promise<void> {
    const item = { ...keys.retryPointer(tenantId, fingerprint), callId, expiresAt: ttlOf(until) };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  releaseRetry(tenantId: string, fingerprint: string, callId: string): Promise<boolean> {
    return this.releaseItem(keys.retryPointer(tenantId, fingerprint), callId);
  }

  async claimKey(tenantId: string, key: string, { callId, request, until }: KeyClaim, now: string): Promise<boolean> {
    const item = { ...keys.idempotencyKey(tenantId, key), callId, request, expiresAt: ttlOf(until) };
    const claimed = await conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          // Whoever writes the claim first runs the call; an expired claim (not yet deleted by TTL) is anyone's.
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
          ExpressionAttributeValues: { ":now": ttlOf(now) },
        }),
      ),
    );
    return claimed !== undefined;
  }

  async keyClaim(tenantId: string, key: string, now: string): Promise<KeyClaim | undefined> {
    const item = await this.liveItem(keys.idempotencyKey(tenantId, key), Date.parse(now));
    return item && { callId: item.callId as string, request: item.request as string, until: new Date(item.expiresAt * 1000).toISOString() };
  }

  releaseKey(tenantId: string, key: string, callId: string): Promise<boolean> {
    return this.releaseItem(keys.idempotencyKey(tenantId, key), callId);
  }

  /** An item that names a call until `expiresAt`: the table's TTL deletes lazily, so one past it reads as none. */
  private async liveItem(key: ItemKey, nowMs: number): Promise<(Record<string, unknown> & { expiresAt: number }) | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item && (Item.expiresAt as number) * 1000 > nowMs ? (Item as Record<string, unknown> & { expiresAt: number }) : undefined;
  }

  /** Deletes an item that names a call if it still names `callId`; false when another request removed or replaced it first. */
  private async releaseItem(key: ItemKey, callId: string): Promise<boolean> {
    const released = await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: "callId = :id",
          ExpressionAttributeValues: { ":id": callId },
        }),
      ),
    );
    return released !== undefined;
  }

  private async itemOf(call: ToolCall) {
    const retainUntil = ttlOf(call.createdAt) + this.retentionDays * 86_400;
    const timelines = {
      ...keys.userCallsIndex(call.tenantId, call.requestedBy, call.createdAt, call.id),
      // Calls on a private server are its owner's alone: they stay out of what admins see.
      ...(call.privateServerOwner ? {} : keys.sharedCallsIndex(call.tenantId, call.createdAt, call.id)),
    };
    const { arguments: _arguments, result: _result, ...record } = call;
    const item = { ...toItem(keys.toolCall(call.tenantId, call.id), record), ...timelines, ...statusIndex(call), expiresAt: retainUntil };
    return { ...item, ...(await packPayloads(call, item)) };
  }
}

/** The sparse index a call sits in while its status calls for one: waiting for its user, or running. */
function statusIndex(call: ToolCall) {
  if (call.status === "PENDING_APPROVAL") return keys.pendingCallIndex(call.tenantId, call.requestedBy, call.createdAt, call.id);
  // A RUNNING call's updatedAt is when it started running (see runningSinceCutoff).
  if (call.status === "RUNNING") return keys.runningCallIndex(call.tenantId, call.id, call.updatedAt);
  return {};
}

/** The record without its retention attribute (the table's TTL, not part of the call) and with its payloads unpacked. */
async function recordOf(item: Record<string, unknown>): Promise<ToolCall> {
  const { expiresAt: _retention, argumentsJson: _arguments, resultGz: _result, ...record } = fromItem<Record<string, unknown>>(item);
  return { ...record, ...(await unpackPayloads(item)) } as unknown as ToolCall;
}
