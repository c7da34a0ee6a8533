import type { Jwk } from "../ports/jose.js";
import type { SealedSecret } from "../secrets/sealed-secret.js";

/** One of the platform's keys for identity tokens: published in the JWKS, its private half sealed. */
export interface SigningKey {
  readonly kid: string;
  readonly publicJwk: Jwk;
  readonly privateKey: SealedSecret;
  readonly createdAt: string;
}

export interface RotationPolicy {
  /** A key signs for about this long before the next takes over. */
  rotateAfterMs: number;
  /** A new key is published this long before it signs, so verifiers' cached JWKS already know it. */
  publishAheadMs: number;
  /** The longest an identity token lives: a key stays published this long (plus publishAheadMs) after it stops signing. */
  tokenTtlMs: number;
}

const age = (key: SigningKey, now: Date) => now.getTime() - Date.parse(key.createdAt);
const newestFirst = (keys: readonly SigningKey[]) => [...keys].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/** The key that signs now: the newest one published long enough, else (a fresh deployment) the newest. */
export function signingKeyOf(keys: readonly SigningKey[], now: Date, policy: RotationPolicy): SigningKey | undefined {
  const sorted = newestFirst(keys);
  return sorted.find((key) => age(key, now) >= policy.publishAheadMs) ?? sorted[0];
}

/** Whether to publish the next key now: there is none, or the newest is close to the end of its turn. */
export function needsNewKey(keys: readonly SigningKey[], now: Date, policy: RotationPolicy): boolean {
  const [newest] = newestFirst(keys);
  return !newest || age(newest, now) >= policy.rotateAfterMs - policy.publishAheadMs;
}

/**
 * The keys verifiers may still need: every key up to the one signing now, and older ones until
 * the last token they signed has expired (with the same margin for cached key sets).
 */
export function publishedKeys(keys: readonly SigningKey[], now: Date, policy: RotationPolicy): SigningKey[] {
  const sorted = newestFirst(keys);
  const signing = signingKeyOf(sorted, now, policy);
  const index = signing ? sorted.indexOf(signing) : sorted.length;
  // The key after `signing` stopped signing when `signing` started (publishAheadMs after its creation).
  const stoppedAt = signing ? Date.parse(signing.createdAt) + policy.publishAheadMs : now.getTime();
  const previousStillNeeded = now.getTime() - stoppedAt < policy.tokenTtlMs + policy.publishAheadMs;
  return sorted.slice(0, index + 1 + (previousStillNeeded ? 1 : 0));
}
