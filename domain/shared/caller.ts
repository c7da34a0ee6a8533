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
}

const claimsSchema = z.object({
  sub: principalIdSchema,
  tenant: tenantIdSchema,
  roles: z.array(z.string().max(64)).max(32).default([]),
  agent: agentIdSchema.optional(),
});

/** Turns verified token claims into a caller; claims of the wrong shape are UNAUTHENTICATED. */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw unauthenticated("The token's claims are invalid");
  const { sub, tenant, roles, agent } = parsed.data;
  return { userId: sub, tenantId: tenant, roles, ...(agent ? { agentId: agent } : {}) };
}

export const isAdmin = (caller: Caller) => caller.roles.includes("admin");
