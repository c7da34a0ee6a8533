import type { Clock } from "../../domain/ports/clock.js";

/** A clock a test moves by hand (approval expiry without waiting). */
export function manualClock(start = Date.now()) {
  let now = start;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}
