/**
 * Answers that come back on another request: a client's reply to a question the platform put
 * to it mid-call (2025-era MCP clients answer with a separate HTTP request, which may reach
 * another process than the one waiting). Keys are unguessable and single-use.
 */
export interface ReplyBox {
  /** Leaves the answer for whoever waits on `key` (now or soon). */
  deliver(tenantId: string, key: string, answer: unknown): Promise<void>;
  /** The answer left for `key`, taken (once); undefined when none came within `timeoutMs` or the signal aborted. */
  take(tenantId: string, key: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<unknown>;
}
