import type { EncryptionContext, SecretCipher } from "../../domain/ports/secret-cipher.js";

/** A cipher whose ciphertexts start with `<format>.`, so a reader can tell which one sealed them. */
export interface FormattedCipher extends SecretCipher {
  readonly format: string;
}

/**
 * Seals with the primary cipher and opens whatever any known cipher sealed: moving from the
 * local cipher to KMS (or to a new format) keeps every stored record readable, and records can
 * then be re-encrypted one by one.
 */
export class CipherChain implements FormattedCipher {
  readonly format: string;
  private readonly byFormat: Map<string, FormattedCipher>;

  constructor(
    private readonly primary: FormattedCipher,
    readers: readonly FormattedCipher[] = [],
  ) {
    this.format = primary.format;
    this.byFormat = new Map([...readers, primary].map((cipher) => [cipher.format, cipher]));
  }

  encrypt(plaintext: string, context: EncryptionContext): Promise<string> {
    return this.primary.encrypt(plaintext, context);
  }

  decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    const cipher = this.byFormat.get(ciphertext.slice(0, ciphertext.indexOf(".")));
    if (!cipher) return Promise.reject(new Error("No cipher here reads this ciphertext format"));
    return cipher.decrypt(ciphertext, context);
  }

  /** Whether a ciphertext should be re-encrypted under the primary cipher. */
  isStale(ciphertext: string): boolean {
    return !ciphertext.startsWith(`${this.primary.format}.`);
  }
}
