import type { Logger } from "../../domain/ports/logger.js";

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `"15m"`, `"30s"`, `"1h"` -> milliseconds; `"off"` -> null. Anything else is a configuration error. */
export function parseEvery(schedule: string): number | null {
  if (schedule === "off") return null;
  const match = /^(\d+)([smh])$/.exec(schedule.trim());
  if (!match || Number(match[1]) === 0) throw new Error(`Invalid schedule "${schedule}": use a number with s, m or h (e.g. 15m), or off`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** Runs a job every `everyMs` in this process, never two runs of it at once; what CronV2 does on AWS. */
export function every(everyMs: number | null, name: string, job: () => Promise<unknown>, logger: Logger): () => void {
  if (everyMs === null) return () => undefined;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      logger.error(`${name} failed`, { error: (error as Error).message });
    } finally {
      running = false;
    }
  }, everyMs);
  return () => clearInterval(timer);
}
