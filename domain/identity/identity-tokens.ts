import type { Actor } from "../access/actor.js";
import type { Clock } from "../ports/clock.js";
import type { Jose } from "../ports/jose.js";
import type { McpServer } from "../servers/server.js";
import { randomToken } from "../shared/base64url.js";
import type { SigningKeys } from "./signing-keys.js";

/** The longest an identity token may live (the spec of SIGNED_IDENTITY says at most 5 minutes). */
export const MAX_IDENTITY_TOKEN_SECONDS = 300;

/** A server's canonical URL, the audience its tokens are bound to: no fragment, scheme and host lowercased. */
export function canonicalServerUrl(url: string): string {
  const canonical = new URL(url);
  canonical.hash = "";
  return canonical.href;
}

/**
 * SIGNED_IDENTITY: per call, a short-lived JWT saying who calls (user, tenant, the agent acting
 * for them) for one server only; servers verify it with the platform's JWKS, no shared secret.
 */
export class IdentityTokens {
  constructor(private readonly deps: { keys: SigningKeys; jose: Jose; clock: Clock; issuer: string; ttlSeconds?: number }) {}

  async mint(actor: Actor, server: McpServer): Promise<string> {
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    const ttl = Math.min(this.deps.ttlSeconds ?? 120, MAX_IDENTITY_TOKEN_SECONDS);
    const { privateJwk } = await this.deps.keys.signing();
    return this.deps.jose.sign(privateJwk, {
      iss: this.deps.issuer,
      aud: canonicalServerUrl(server.url),
      sub: actor.userId,
      tenant: actor.tenantId,
      ...(actor.agentId ? { act: { sub: actor.agentId } } : {}),
      jti: randomToken(),
      iat: now,
      exp: now + ttl,
    });
  }
}
