import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../domain/ports/clock.js";
import type { ReplyBox } from "../../domain/ports/reply-box.js";
import { keys } from "./keys.js";

/** An answer is kept this long for its waiter, then the table's TTL removes it. */
const KEEP_SECONDS = 15 * 60;

/**
 * Answers in the table, so a reply reaching any process finds the request waiting in another.
 * A waiter in the same process is woken at once; one elsewhere finds the answer at its next
 * look (every `pollMs`). Taking is a delete that returns the item: exactly one waiter gets it.
 */
export class DynamoReplyBox implements ReplyBox {
  private readonly waiting = new Map<string, () => void>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly pollMs = 250,
  ) {}

  async deliver(tenantId: string, key: string, answer: unknown): Promise<void> {
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + KEEP_SECONDS;
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.reply(tenantId, key), answer, expiresAt } }));
    this.waiting.get(`${tenantId}/${key}`)?.();
  }

  async take(tenantId: string, key: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<unknown> {
    const deadline = this.clock.now().getTime() + options.timeoutMs;
    const id = `${tenantId}/${key}`;
    try {
      while (!options.signal?.aborted) {
        const { Attributes } = await this.db.send(
          new DeleteCommand({ TableName: this.tableName, Key: keys.reply(tenantId, key), ReturnValues: "ALL_OLD" }),
        );
        if (Attributes) return Attributes.answer;
        const left = deadline - this.clock.now().getTime();
        if (left <= 0) return undefined;
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, Math.min(this.pollMs, left));
          this.waiting.set(id, () => {
            clearTimeout(timer);
            wake();
          });
        });
      }
      return undefined;
    } finally {
      this.waiting.delete(id);
    }
  }
}
