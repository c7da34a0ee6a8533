import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { JobRun, JobRunStore } from "../../domain/ports/job-run-store.js";
import { conditionalWrite } from "./conditional-write.js";
import { ttlOf } from "./item-codec.js";
import { keys } from "./keys.js";

/** One item per run of a scheduled job: RUNNING under a lease, then DONE until it expires. */
export class DynamoJobRunStore implements JobRunStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(run: JobRun, now: string): Promise<boolean> {
    const claimed = await conditionalWrite(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.jobRun(run.job, run.scheduledTime),
            status: "RUNNING",
            leaseUntil: run.leaseUntil,
            expiresAt: ttlOf(run.keepUntil),
          },
          // Free, expired (readers filter TTL themselves), or held by a run whose lease ran out.
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :nowSeconds OR (#status = :running AND leaseUntil < :now)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":running": "RUNNING", ":now": now, ":nowSeconds": ttlOf(now) },
        }),
      ),
    );
    return claimed !== undefined;
  }

  async complete(run: JobRun): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.jobRun(run.job, run.scheduledTime),
        UpdateExpression: "SET #status = :done",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":done": "DONE" },
      }),
    );
  }

  async release(run: JobRun): Promise<void> {
    await conditionalWrite(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.jobRun(run.job, run.scheduledTime),
          // Only this delivery's own claim: one that took over a lapsed lease holds another.
          ConditionExpression: "#status = :running AND leaseUntil = :lease",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":running": "RUNNING", ":lease": run.leaseUntil },
        }),
      ),
    );
  }
}
