import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EncryptionContext, SecretCipher } from "../../domain/ports/secret-cipher.js";
import { contextAad } from "./context-aad.js";

/**
 * AES-256-GCM under a master key file, for the local server. Ciphertext format:
 * `local1.<keyId>.<iv>.<tag>.<data>` (base64url): the version and key id let a later key
 * rotation find and re-encrypt old records.
 */
const FORMAT = "local1";
const ALGORITHM = "aes-256-gcm";

export class LocalCipher implements SecretCipher {
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("The local master key must be 32 bytes");
    this.keyId = createHash("sha256").update(key).digest("base64url").slice(0, 8);
  }

  async encrypt(plaintext: string, context: EncryptionContext): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv).setAAD(contextAad(context));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [FORMAT, this.keyId, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  }

  async decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    const [format, keyId, iv, tag, data, ...rest] = ciphertext.split(".");
    if (format !== FORMAT || rest.length > 0 || !iv || !tag || data === undefined) {
      throw new Error("Unrecognised ciphertext format");
    }
    if (keyId !== this.keyId) throw new Error("Ciphertext was sealed under another master key");
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, "base64url"))
      .setAAD(contextAad(context))
      .setAuthTag(Buffer.from(tag, "base64url"));
    // GCM verifies the tag in final(): a changed byte or another context throws here.
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  }
}

/** Reads the master key from the data dir, creating it (mode 0600, never overwritten) on first use. */
export async function loadOrCreateMasterKey(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, "master.key");
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = Buffer.from((await readFile(path, "utf8")).trim(), "base64");
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return key;
}
