import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MalformedKeyFileError } from "../malformed-key-file.js";
import type { EncryptionContext } from "../../domain/ports/secret-cipher.js";
import type { FormattedCipher } from "./cipher-chain.js";
import { contextAad } from "./context-aad.js";

/**
 * AES-256-GCM under a master key file, for the local server. Ciphertext format:
 * `local1.<keyId>.<iv>.<tag>.<data>` (base64url): the version and key id let a rotation keep
 * reading old records (pass the old keys as `previousKeys`) and find the ones to re-encrypt.
 */
const FORMAT = "local1";
const keyIdOf = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 8);
const ALGORITHM = "aes-256-gcm";

export class LocalCipher implements FormattedCipher {
  readonly format = FORMAT;
  private readonly keyId: string;
  private readonly keyring: Map<string, Buffer>;

  constructor(
    private readonly key: Buffer,
    previousKeys: readonly Buffer[] = [],
  ) {
    for (const each of [key, ...previousKeys]) if (each.length !== 32) throw new Error("A local master key must be 32 bytes");
    this.keyId = keyIdOf(key);
    this.keyring = new Map([...previousKeys, key].map((each) => [keyIdOf(each), each]));
  }

  /** Whether a ciphertext was sealed under an older key and should be re-encrypted. */
  isStale(ciphertext: string): boolean {
    return ciphertext.split(".")[1] !== this.keyId;
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
    const key = this.keyring.get(keyId!);
    if (!key) throw new Error("Ciphertext was sealed under another master key");
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"))
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
  if (key.length !== 32) throw new MalformedKeyFileError(path, `it holds ${key.length} bytes, not a 32-byte base64 key`);
  return key;
}
