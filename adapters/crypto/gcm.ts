import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
/**
 * The whole 16-byte tag, always: told nothing, Node accepts a tag cut to 4 bytes, and a forgery
 * needs to match only what is left of it.
 */
const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

/** AES-256-GCM with a fresh IV, bound to `aad` (the encryption context): every cipher here seals this way. */
export function seal(key: Buffer, plaintext: string, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

/** Opens what `seal` made; a changed byte, another context, or a tag or IV of another size throws. */
export function open(key: Buffer, { iv, tag, data }: Sealed, aad: Buffer): string {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("Unrecognised ciphertext format");
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad).setAuthTag(tag);
  // GCM verifies the tag in final().
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}
