/** Runs of scheduled jobs, claimed one delivery at a time (see ScheduledRuns). */
export interface JobRunStore {
  /**
   * Claims a run for this delivery: true when no one holds it, or its holder's lease ran out
   * (a process that died mid-run); false when it finished or another delivery is running it.
   */
  claim(run: JobRun, now: string): Promise<boolean>;
  /** Marks a claimed run finished: later deliveries of it do nothing. */
  complete(run: JobRun): Promise<void>;
  /** Gives a claimed run back after a failure, so the scheduler's retry runs it. */
  release(run: JobRun): Promise<void>;
}

export interface JobRun {
  job: string;
  /** Which run: the time it was scheduled for. */
  scheduledTime: string;
  /** Until when the claim stands without being finished (the job's longest run). */
  leaseUntil: string;
  /** When the record of the run may go (deliveries come within minutes of each other). */
  keepUntil: string;
}
