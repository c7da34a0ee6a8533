import type { Clock } from "../ports/clock.js";
import type { Jose, Jwk } from "../ports/jose.js";
import type { SigningKeyStore } from "../ports/signing-key-store.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import { randomToken } from "../shared/base64url.js";
import { needsNewKey, publishedKeys, type RotationPolicy, type SigningKey, signingKeyOf } from "./signing-key.js";

export interface SigningKeysDeps {
  store: SigningKeyStore;
  jose: Jose;
  secrets: Secrets;
  clock: Clock;
  policy: RotationPolicy;
  /** How long a process trusts the key list it read (a rotation elsewhere shows within this). */
  cacheMs?: number;
}

/**
 * The platform's identity-token keys: rotated with overlap (a new key is published before it
 * signs, an old one stays published until its tokens have expired), the private halves sealed
 * like every secret and opened once per process.
 */
export class SigningKeys {
  private cached?: { keys: SigningKey[]; readAt: number };
  private readonly opened = new Map<string, Promise<string>>();

  constructor(private readonly deps: SigningKeysDeps) {}

  /** The key to sign with now, as its kid and private JWK. */
  async signing(): Promise<{ kid: string; privateJwk: string }> {
    const key = signingKeyOf(await this.keys(), this.deps.clock.now(), this.deps.policy)!;
    if (!this.opened.has(key.kid))
      this.opened.set(key.kid, this.deps.secrets.open(secretSlots.platform.signingKey(key.kid), key.privateKey));
    return { kid: key.kid, privateJwk: await this.opened.get(key.kid)! };
  }

  /** `GET /.well-known/jwks.json`: every key a verifier may still meet. */
  async jwks(): Promise<{ keys: Jwk[] }> {
    return { keys: publishedKeys(await this.keys(), this.deps.clock.now(), this.deps.policy).map((key) => key.publicJwk) };
  }

  /** Publishes the next key now, whatever the schedule says (an admin's or a test's rotation). */
  async rotate(): Promise<void> {
    await this.deps.store.add(await this.newKey());
    this.cached = undefined;
  }

  private async keys(): Promise<SigningKey[]> {
    const now = this.deps.clock.now();
    if (this.cached && now.getTime() - this.cached.readAt < (this.deps.cacheMs ?? 60_000)) return this.cached.keys;
    let keys = await this.deps.store.list();
    if (needsNewKey(keys, now, this.deps.policy)) {
      await this.deps.store.add(await this.newKey());
      keys = await this.deps.store.list();
    }
    const published = publishedKeys(keys, now, this.deps.policy);
    await Promise.all(keys.filter((key) => !published.includes(key)).map((key) => this.deps.store.remove(key.kid)));
    this.cached = { keys: published, readAt: now.getTime() };
    return published;
  }

  private async newKey(): Promise<SigningKey> {
    const kid = `id-${randomToken().slice(0, 16)}`;
    const { publicJwk, privateJwk } = await this.deps.jose.newKeyPair("sig", kid);
    const privateKey = await this.deps.secrets.seal(secretSlots.platform.signingKey(kid), privateJwk);
    return { kid, publicJwk, privateKey, createdAt: this.deps.clock.now().toISOString() };
  }
}
