import { tenantIdSchema } from "../shared/identifiers.js";
import type { OAuthStateRecord } from "./oauth-records.js";

/** What the browser brought back from the authorization server, as the frontend passes it to `completeOAuth`. */
export interface CompletionParams {
  state: string;
  code: string;
  /** The authorization response's `iss` (RFC 9207). */
  iss?: string | null;
}

/** `<tenant>.<id>`, the state the platform sent; null when it is not one. */
export function parseState(state: string | null | undefined): { tenantId: string; id: string } | null {
  const [tenantId, id, ...rest] = (state ?? "").split(".");
  if (!tenantId || !id || rest.length > 0 || !tenantIdSchema.safeParse(tenantId).success || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  return { tenantId, id };
}

/**
 * RFC 9207: a response must come from the authorization server the user was sent to. Where it
 * advertises `iss` in responses, a response without one is refused too (a mix-up attack).
 */
export function issuerProblem(state: Pick<OAuthStateRecord, "issuer" | "issRequired">, iss: string | null): string | null {
  if (iss === null || iss === "") return state.issRequired ? "is required: this authorization server names itself in its responses" : null;
  return iss.replace(/\/$/, "") === state.issuer ? null : "names another authorization server than the one the sign-in went to";
}
