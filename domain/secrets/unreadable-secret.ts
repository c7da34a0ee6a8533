import type { EncryptionContext } from "../ports/secret-cipher.js";

/**
 * A stored secret that does not open: a changed or cut ciphertext, one copied from another slot,
 * a key no longer held. It names where the secret lives and nothing else: the cipher's error, its
 * stack and its causes stay behind, since they may quote what they were given.
 */
export class UnreadableSecret extends Error {
  override readonly name = "UnreadableSecret";
  readonly record: string;
  readonly field: string;

  constructor({ record, field }: EncryptionContext) {
    super("A stored secret could not be decrypted");
    this.record = record;
    this.field = field;
  }
}
