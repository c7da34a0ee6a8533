export interface DataKey {
  plaintext: Buffer;
  encrypted: Buffer;
}

export interface DataKeyCacheLimits {
  /** How long a data key may be used to encrypt or be remembered for decrypting. */
  maxAgeMs: number;
  /** How many secrets one data key may encrypt before a fresh one is asked for. */
  maxUses: number;
  /** How many decrypted data keys are remembered at most. */
  maxEntries: number;
}

const DEFAULTS: DataKeyCacheLimits = { maxAgeMs: 5 * 60_000, maxUses: 1000, maxEntries: 500 };

interface Entry<T> {
  value: T;
  createdAt: number;
  uses: number;
}

/**
 * Bounded caching of KMS data keys, so a busy process does not call KMS for every secret while
 * no key lives or serves longer than the limits. Keys are per tenant.
 */
export class DataKeyCache {
  private readonly encryptKeys = new Map<string, Entry<Promise<DataKey>>>();
  private readonly decryptKeys = new Map<string, Entry<Promise<Buffer>>>();
  private readonly limits: DataKeyCacheLimits;

  constructor(
    limits: Partial<DataKeyCacheLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  forEncrypt(tenant: string, generate: () => Promise<DataKey>): Promise<DataKey> {
    return this.use(this.encryptKeys, tenant, generate);
  }

  forDecrypt(tenant: string, encryptedKey: string, decrypt: () => Promise<Buffer>): Promise<Buffer> {
    return this.use(this.decryptKeys, `${tenant}\u0000${encryptedKey}`, decrypt);
  }

  private use<T>(entries: Map<string, Entry<Promise<T>>>, key: string, load: () => Promise<T>): Promise<T> {
    const entry = entries.get(key);
    if (entry && this.now() - entry.createdAt < this.limits.maxAgeMs && entry.uses < this.limits.maxUses) {
      entry.uses += 1;
      return entry.value;
    }
    const value = load();
    // A failed load is never cached: the next call asks KMS again.
    value.catch(() => entries.get(key)?.value === value && entries.delete(key));
    entries.delete(key);
    entries.set(key, { value, createdAt: this.now(), uses: 1 });
    while (entries.size > this.limits.maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  }
}
