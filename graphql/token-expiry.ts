import { type ExecutionResult, GraphQLError } from "graphql";
import type { Clock } from "../domain/ports/clock.js";
import { type Caller, msUntilTokenExpires, TOKEN_EXPIRED, tokenExpired } from "../domain/shared/caller.js";
import { unauthenticated } from "../domain/shared/errors.js";

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Calls `then` once the caller's token has expired by `clock` (re-checked when the timer fires,
 * so a long token re-arms rather than overflow); returns what cancels it.
 */
export function whenTokenExpires(caller: Caller, clock: Clock, then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    const delay = Math.min(msUntilTokenExpires(caller, clock.now()), MAX_DELAY_MS);
    timer = setTimeout(() => (tokenExpired(caller, clock.now()) ? then() : arm()), delay);
  };
  arm();
  return () => clearTimeout(timer);
}

const EXPIRED = Symbol("expired");

/**
 * A subscription's results while the caller's token lasts, then one UNAUTHENTICATED error and
 * the end: at its expiry even when no event comes, and at once for an event that comes after it
 * (a timer can be late; the clock is read per event). Ends its source when it ends.
 */
export function whileTokenLasts(
  results: AsyncIterable<ExecutionResult>,
  caller: Caller,
  clock: Clock,
): AsyncIterableIterator<ExecutionResult> {
  const source = results[Symbol.asyncIterator]();
  let cancel = () => {};
  const expiry = new Promise<typeof EXPIRED>((resolve) => (cancel = whenTokenExpires(caller, clock, () => resolve(EXPIRED))));
  let state: "open" | "expired" | "ended" = "open";
  const end = async (): Promise<IteratorResult<ExecutionResult>> => {
    state = "ended";
    cancel();
    await source.return?.();
    return { done: true, value: undefined };
  };
  return {
    async next() {
      if (state === "ended") return { done: true, value: undefined };
      if (state === "expired") return end();
      const next = await Promise.race([source.next(), expiry]);
      if (next !== EXPIRED && next.done) return end();
      if (next !== EXPIRED && !tokenExpired(caller, clock.now())) return next;
      state = "expired";
      return { done: false, value: { errors: [new GraphQLError(TOKEN_EXPIRED, { originalError: unauthenticated(TOKEN_EXPIRED) })] } };
    },
    return: end,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
