import type { Logger } from "../../domain/ports/logger.js";
import { parseDuration } from "../durations.js";

/** `"15m"`, `"30s"`, `"1h"` -> milliseconds; `"off"` -> null. Anything else is a configuration error. */
export const parseEvery = (schedule: string): number | null => (schedule === "off" ? null : parseDuration(schedule, "schedule"));

/** Runs a job every `everyMs` in this process, never two runs of it at once; what CronV2 does on AWS. */
export function every(everyMs: number | null, name: string, job: () => Promise<unknown>, logger: Logger): () => void {
  if (everyMs === null) return () => undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      logger.error(`${name} failed`, { error: (error as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  return () => clearInterval(timer);
}
