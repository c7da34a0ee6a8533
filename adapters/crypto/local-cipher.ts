import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MalformedKeyFileError } from "../malformed-key-file.js";
import type { EncryptionContext } from "../../domain/ports/secret-cipher.js";
import type { FormattedCipher } from "./cipher-chain.js";
import { contextAad } from "./context-aad.js";
import { open, seal } from "./gcm.js";

/**
 * AES-256-GCM under a master key file, for the local server. Ciphertext format:
 * `local1.<keyId>.<iv>.<tag>.<data>` (base64url): the version and key id let a rotation keep
 * reading old records (pass the old keys as `previousKeys`) and find the ones to re-encrypt.
 */
const FORMAT = "local1";
const keyIdOf = (key: Buffer) => createHash("sha256").update(key).digest("base64url").slice(0, 8);

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
    const { iv, tag, data } = seal(this.key, plaintext, contextAad(context));
    return [FORMAT, this.keyId, ...[iv, tag, data].map((part) => part.toString("base64url"))].join(".");
  }

  async decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    const [format, keyId, iv, tag, data, ...rest] = ciphertext.split(".");
    if (format !== FORMAT || rest.length > 0 || !iv || !tag || data === undefined) {
      throw new Error("Unrecognised ciphertext format");
    }
    const key = this.keyring.get(keyId!);
    if (!key) throw new Error("Ciphertext was sealed under another master key");
    const sealed = { iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), data: Buffer.from(data, "base64url") };
    return open(key, sealed, contextAad(context));
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
