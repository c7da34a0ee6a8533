import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../domain/ports/clock.js";
import type { RateLimiter } from "../../domain/ports/rate-limiter.js";
import { conditionalWrite } from "./conditional-write.js";
import { keys } from "./keys.js";

/**
 * A fixed-window counter per key in the table: one conditional `ADD` per call, which fails
 * once the window's count reached the limit. Every process shares it; windows expire by TTL.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async take(tenantId: string, key: string, limit: number, intervalSeconds: number) {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const windowStart = now - (now % intervalSeconds);
    const counted = await conditionalWrite(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateWindow(tenantId, key, windowStart),
          UpdateExpression: "ADD calls :one SET expiresAt = :expires",
          ConditionExpression: "attribute_not_exists(calls) OR calls < :limit",
          ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":expires": windowStart + intervalSeconds * 2 },
        }),
      ),
    );
    return counted ? { allowed: true as const } : { allowed: false as const, retryAfterSeconds: windowStart + intervalSeconds - now };
  }
}
