import type { ToolCall, ToolCallStatus } from "../calls/tool-call.js";

/** Tool calls. `transition` is the conditional write that makes "approve" run a call exactly once. */
export interface ToolCallStore {
  get(tenantId: string, id: string): Promise<ToolCall | undefined>;
  create(call: ToolCall): Promise<void>;
  /**
   * Moves a call from `from` to `next.status` only if it is still in `from` (and, for a pending
   * call, not past its approval deadline at `now`); false when someone else moved it first.
   */
  transition(next: ToolCall, from: ToolCallStatus, now: string): Promise<boolean>;
  /** A page of one timeline of calls, newest first (see CallPageQuery). */
  page(query: CallPageQuery): Promise<CallPage>;
  /** The user's calls waiting for their approval, oldest first. */
  listPending(tenantId: string, userId: string): Promise<ToolCall[]>;
  /** Calls of every tenant still RUNNING that started at or before `cutoff` (an ISO instant), as the index has them. */
  listRunningSince(cutoff: string): Promise<ToolCall[]>;
  /** The call a request with this fingerprint paused on (see RetryPointers), until `holdRetry`'s deadline. */
  retryPointer(tenantId: string, fingerprint: string): Promise<string | undefined>;
  holdRetry(tenantId: string, fingerprint: string, callId: string, until: string): Promise<void>;
  /** Removes the pointer if it still points at `callId`; false when another request removed it first. */
  releaseRetry(tenantId: string, fingerprint: string, callId: string): Promise<boolean>;
  /**
   * Claims an idempotency key (scoped and hashed, see IdempotencyKeys) for a call, like
   * Powertools' INPROGRESS record: true when no claim held it at `now` and this one was written.
   */
  claimKey(tenantId: string, key: string, claim: KeyClaim, now: string): Promise<boolean>;
  /** The claim that holds the key at `now`, if any. */
  keyClaim(tenantId: string, key: string, now: string): Promise<KeyClaim | undefined>;
  /** Removes the claim if it is still `callId`'s. */
  releaseKey(tenantId: string, key: string, callId: string): Promise<boolean>;
}

/** An idempotency key's claim: the call it names, and what was asked, until when. */
export interface KeyClaim {
  readonly callId: string;
  /** The tool and arguments asked for, hashed: the same key with anything else is another request. */
  readonly request: string;
  /** An ISO instant. */
  readonly until: string;
}

/**
 * Which calls to read: a user's own (all of them), or the tenant's calls on shared servers (what
 * admins see); within `since`..`until` (ISO instants, inclusive), narrowed by the other filters.
 */
export interface CallPageQuery {
  readonly tenantId: string;
  readonly timeline: { readonly userId: string } | "shared";
  readonly filter: {
    readonly serverId?: string;
    readonly userId?: string;
    readonly agentId?: string;
    readonly status?: ToolCallStatus;
    readonly since?: string;
    readonly until?: string;
  };
  readonly first: number;
  /** A cursor from an earlier page of the same query; a cursor of another tenant or timeline is refused. */
  readonly after?: string;
  /** Now, to tell a pending call from an expired one. */
  readonly now: string;
  /** A RUNNING call that started at or before this was abandoned: it reads FAILED (interrupted). */
  readonly runningCutoff: string;
}

export interface CallPage {
  readonly calls: ReadonlyArray<{ readonly call: ToolCall; readonly cursor: string }>;
  readonly hasNextPage: boolean;
}
