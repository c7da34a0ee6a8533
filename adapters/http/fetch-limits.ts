// Kept apart from safe-fetch.ts, which loads undici: composition and error handling read these at cold start; undici waits for the first outbound request.

export interface SafeFetchLimits {
  /** Connecting and receiving response headers. */
  timeoutMs: number;
  /** Longest silence inside a response body (an event stream sends keep-alives well within it). */
  idleTimeoutMs: number;
  /** Largest response body; event streams get `maxStreamBytes` over their whole life. */
  maxResponseBytes: number;
  maxStreamBytes: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: SafeFetchLimits = {
  timeoutMs: 15_000,
  idleTimeoutMs: 120_000,
  maxResponseBytes: 5 * 1024 * 1024,
  maxStreamBytes: 64 * 1024 * 1024,
  maxRedirects: 5,
};

export type SafeFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A response past its size cap: the server answered, with more than the platform accepts (not a refusal of where it is). */
export class OutboundTooLargeError extends Error {
  override readonly name = "OutboundTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`Outbound response too large: over ${maxBytes} bytes`);
  }
}
