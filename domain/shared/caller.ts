import { z } from "zod";
import type { EmbeddedIdentity } from "../embedded/embedded-chat.js";
import { unauthenticated } from "./errors.js";
import { agentIdSchema, principalIdSchema, tenantIdSchema } from "./identifiers.js";

/** Who is calling, as proven by a verified token. The tenant never comes from arguments. */
export interface Caller {
  readonly userId: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
  /** The agent on whose behalf a runtime calls, when the token names one. */
  readonly agentId?: string;
  /**
   * What an embedded chat vouched for on this request (X-Embedded-Token), verified: the only
   * user token ever sent upstream (to JWT passthrough servers). The caller's own bearer token
   * is never kept past authentication.
   */
  readonly embedded?: EmbeddedIdentity;
  /** When the token that proved the caller expires (its `exp`): what lives on past the request, a subscription, ends then. */
  readonly tokenExpiresAt?: string;
}

const claimsSchema = z.object({
  sub: principalIdSchema,
  tenant: tenantIdSchema,
  roles: z.array(z.string().max(64)).max(32).default([]),
  agent: agentIdSchema.optional(),
  // Within what a Date can hold (jose checked it is a number, and not past).
  exp: z.number().max(8.64e12).optional(),
});

/** Turns verified token claims into a caller; claims of the wrong shape are UNAUTHENTICATED. */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw unauthenticated("The token's claims are invalid");
  const { sub, tenant, roles, agent, exp } = parsed.data;
  return {
    userId: sub,
    tenantId: tenant,
    roles,
    ...(agent ? { agentId: agent } : {}),
    ...(exp !== undefined ? { tokenExpiresAt: new Date(exp * 1000).toISOString() } : {}),
  };
}

/** How long the caller's token has left; none once it has expired, or when it named no expiry (fail closed). */
export function msUntilTokenExpires(caller: Caller, now: Date): number {
  const left = Date.parse(caller.tokenExpiresAt ?? "") - now.getTime();
  // NaN (no expiry, or an unreadable one) is not > 0.
  return left > 0 ? left : 0;
}

/** What a caller whose token has expired is told: when it is presented, and when it ends their subscriptions. */
export const TOKEN_EXPIRED = "The token has expired";

export const tokenExpired = (caller: Caller, now: Date) => msUntilTokenExpires(caller, now) === 0;

export const isAdmin = (caller: Caller) => caller.roles.includes("admin");
