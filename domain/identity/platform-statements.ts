import type { Clock } from "../ports/clock.js";
import type { Jose } from "../ports/jose.js";
import { decodeBase64Url } from "../shared/base64url.js";
import type { SigningKeys } from "./signing-keys.js";

/** What a statement is for: a statement made for one purpose is never accepted for another. */
export type StatementPurpose = "mcp-session" | "mcp-request-state" | "mcp-reply";

const audienceOf = (purpose: StatementPurpose) => `urn:mcp-control-plane:${purpose}`;

const kidOf = (token: string): string | undefined => {
  const header = decodeBase64Url(token.split(".")[0] ?? "");
  try {
    const kid = header ? (JSON.parse(header) as { kid?: unknown }).kid : undefined;
    return typeof kid === "string" ? kid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Things the platform tells itself through a client and must get back unchanged: an MCP session
 * id that carries the client's capabilities, a paused call's request state, the id of a request
 * put to a client. Signed with the identity keys (so every instance verifies them, and rotation
 * keeps working), bound to a purpose and expiring; never secret, since the client reads them.
 */
export class PlatformStatements {
  constructor(private readonly deps: { keys: SigningKeys; jose: Jose; clock: Clock; issuer: string }) {}

  async sign(purpose: StatementPurpose, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    const { privateJwk } = await this.deps.keys.signing();
    return this.deps.jose.sign(privateJwk, { ...claims, iss: this.deps.issuer, aud: audienceOf(purpose), iat: now, exp: now + ttlSeconds });
  }

  /** The claims of a statement made for `purpose`, or undefined when it is not one (forged, expired, for something else). */
  async verify(purpose: StatementPurpose, token: string): Promise<Record<string, unknown> | undefined> {
    const kid = kidOf(token);
    const key = kid ? (await this.deps.keys.jwks()).keys.find((each) => each.kid === kid) : undefined;
    if (!key) return undefined;
    try {
      return await this.deps.jose.verify(token, key, {
        algorithms: ["ES256"],
        issuer: this.deps.issuer,
        audience: audienceOf(purpose),
        requiredClaims: ["exp", "iat"],
        now: this.deps.clock.now(),
      });
    } catch {
      return undefined;
    }
  }
}
