import type { Clock } from "../ports/clock.js";
import type { JobRunStore } from "../ports/job-run-store.js";
import type { Logger } from "../ports/logger.js";

export interface ScheduledRunsDeps {
  store: JobRunStore;
  clock: Clock;
  logger: Logger;
  /** The longest a run may take (the job function's timeout): a claim older than this is a dead run's. */
  leaseMs: number;
}

const KEEP_RUNS_MS = 24 * 60 * 60_000;

export type ScheduledOutcome<T> = { ran: true; result: T } | { ran: false };

/**
 * Schedulers deliver at least once: the same run can arrive twice, at once or minutes apart.
 * Each run (job and scheduled time) is claimed with one conditional write before it starts, so
 * a second delivery does nothing; a run that failed is given back for the scheduler's retry,
 * and one whose process died is taken over once its lease runs out. A run with no scheduled
 * time (started by hand) is not deduplicated.
 */
export class ScheduledRuns {
  constructor(private readonly deps: ScheduledRunsDeps) {}

  async once<T>(job: string, scheduledTime: string | undefined, work: () => Promise<T>): Promise<ScheduledOutcome<T>> {
    if (scheduledTime === undefined) return { ran: true, result: await work() };
    const now = this.deps.clock.now().getTime();
    const run = {
      job,
      scheduledTime,
      leaseUntil: new Date(now + this.deps.leaseMs).toISOString(),
      keepUntil: new Date(now + KEEP_RUNS_MS).toISOString(),
    };
    if (!(await this.deps.store.claim(run, new Date(now).toISOString()))) {
      this.deps.logger.info("scheduled run already taken: this delivery does nothing", { job, scheduledTime });
      return { ran: false };
    }
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.deps.store.release(run);
      throw error;
    }
    await this.deps.store.complete(run);
    return { ran: true, result };
  }
}
