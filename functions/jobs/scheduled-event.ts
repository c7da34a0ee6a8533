import { z } from "zod";

/**
 * What a scheduler delivers to a job: CronV2 passes EventBridge Scheduler's
 * `<aws.scheduler.scheduled-time>` as `scheduledTime` (sst.config.ts), the same in every
 * delivery and retry of one run. An event without it is a run started by hand.
 */
const scheduledEventSchema = z.object({ scheduledTime: z.iso.datetime({ offset: true }).optional() });

/** The run a delivery belongs to; a malformed time is refused rather than run unguarded. */
export const scheduledTimeOf = (event: unknown): string | undefined =>
  scheduledEventSchema.parse(typeof event === "object" && event !== null ? event : {}).scheduledTime;
