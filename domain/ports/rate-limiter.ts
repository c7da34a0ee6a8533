/** Counting calls against a limit per interval, shared by every process. */
export interface RateLimiter {
  /** Takes one call from `key`'s allowance for the current interval; when none is left, says how long until the next. */
  take(
    tenantId: string,
    key: string,
    limit: number,
    intervalSeconds: number,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}
