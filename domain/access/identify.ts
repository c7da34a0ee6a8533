import type { EmbeddedTokens } from "../embedded/embedded-tokens.js";
import type { Authenticate } from "../ports/authenticator.js";
import type { Caller } from "../shared/caller.js";

/** The request headers that say who calls. */
export interface Credentials {
  authorization: string | null;
  /** `X-Embedded-Token`: a JWE from a website that embeds the chat. */
  embeddedToken: string | null;
}

/**
 * Who calls, for every entry point (GraphQL, the MCP endpoint): the bearer token proves the
 * caller; an embedded token, when present, must also verify (in the caller's tenant) or the
 * whole request is UNAUTHENTICATED. The bearer token itself is not kept.
 */
export async function identify(
  credentials: Credentials,
  authenticate: Authenticate,
  embeddedTokens: Pick<EmbeddedTokens, "verify">,
): Promise<Caller> {
  const caller = await authenticate(credentials.authorization);
  if (credentials.embeddedToken === null) return caller;
  return { ...caller, embedded: await embeddedTokens.verify(caller.tenantId, credentials.embeddedToken) };
}
