/** Time, as the domain reads it: tests move it by hand. */
export interface Clock {
  now(): Date;
  /** Waits `ms` of this clock's time (a manual clock's time passes while it waits). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
