import { DomainError } from "./errors.js";

/**
 * Why a remote server failed, in words safe to show a user: never the upstream body, never an
 * internal address. `kind` drives state, e.g. `unauthorized` on an OAuth server means
 * RECONNECT_REQUIRED.
 */
export type UpstreamFailureKind =
  "not_connected" | "refused" | "unreachable" | "timeout" | "unauthorized" | "forbidden" | "http" | "protocol" | "too_large";

/** What a 401 or 403 said in its WWW-Authenticate header (RFC 6750), e.g. `insufficient_scope` and the scope it needs. */
export interface AuthChallenge {
  readonly error?: string;
  readonly scope?: string;
}

export class UpstreamError extends DomainError {
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
    readonly challenge?: AuthChallenge,
    /** For `protocol`: the JSON-RPC error code the server answered with, if it answered one. */
    readonly rpcCode?: number,
  ) {
    super("UPSTREAM_ERROR", message);
    this.name = "UpstreamError";
  }
}
