import type { Clock } from "../../domain/ports/clock.js";

/** A clock a test moves by hand (approval expiry without waiting); its time also passes while code sleeps on it. */
export function manualClock(start = Date.now()) {
  let now = start;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(now),
    sleep: async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}

/** The real time, which a test can jump ahead of: timers still come due, and a test can also outrun them. */
export function shiftedClock() {
  let ahead = 0;
  const clock: Clock & { advance(ms: number): void; reset(): void } = {
    now: () => new Date(Date.now() + ahead),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    advance: (ms) => {
      ahead += ms;
    },
    reset: () => {
      ahead = 0;
    },
  };
  return clock;
}
