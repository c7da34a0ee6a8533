import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import type { EncryptionContext } from "../../domain/ports/secret-cipher.js";
import type { FormattedCipher } from "./cipher-chain.js";
import { DomainError } from "../../domain/shared/errors.js";
import { contextAad } from "./context-aad.js";
import { open, seal } from "./gcm.js";
import { DataKeyCache } from "./data-key-cache.js";

/**
 * Envelope encryption: KMS issues a data key per tenant (KMS encryption context `{tenant}`), the
 * secret is sealed locally with AES-256-GCM whose additional data is the full context
 * `{tenant, record, field}`, and the encrypted data key travels with the ciphertext:
 * `kms1.<encryptedDataKey>.<iv>.<tag>.<data>` (base64url).
 * Copying ciphertext to another record fails the GCM check; to another tenant, KMS refuses.
 */
const FORMAT = "kms1";
const INTEGRITY_ERRORS = new Set(["InvalidCiphertextException", "IncorrectKeyException"]);

export interface KmsCipherOptions {
  kms: KMSClient;
  keyId: string;
  cache?: DataKeyCache;
}

export class KmsCipher implements FormattedCipher {
  readonly format = FORMAT;
  private readonly cache: DataKeyCache;

  constructor(private readonly options: KmsCipherOptions) {
    this.cache = options.cache ?? new DataKeyCache();
  }

  async encrypt(plaintext: string, context: EncryptionContext): Promise<string> {
    const dataKey = await this.cache.forEncrypt(context.tenant, () => this.generateDataKey(context.tenant));
    const { iv, tag, data } = seal(Buffer.from(dataKey.plaintext), plaintext, contextAad(context));
    return [FORMAT, ...[dataKey.encrypted, iv, tag, data].map((part) => Buffer.from(part).toString("base64url"))].join(".");
  }

  async decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    const [format, encryptedKey, iv, tag, data, ...rest] = ciphertext.split(".");
    if (format !== FORMAT || rest.length > 0 || !encryptedKey || !iv || !tag || data === undefined) {
      throw new Error("Unrecognised ciphertext format");
    }
    const key = await this.cache.forDecrypt(context.tenant, encryptedKey, () =>
      this.decryptDataKey(Buffer.from(encryptedKey, "base64url"), context.tenant),
    );
    const sealed = { iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), data: Buffer.from(data, "base64url") };
    return open(Buffer.from(key), sealed, contextAad(context));
  }

  private async generateDataKey(tenant: string) {
    const result = await this.callKms("nothing was saved", () =>
      this.options.kms.send(new GenerateDataKeyCommand({ KeyId: this.options.keyId, KeySpec: "AES_256", EncryptionContext: { tenant } })),
    );
    if (!result.Plaintext || !result.CiphertextBlob) throw new Error("KMS returned no data key");
    return { plaintext: Buffer.from(result.Plaintext), encrypted: Buffer.from(result.CiphertextBlob) };
  }

  private async decryptDataKey(encrypted: Buffer, tenant: string): Promise<Buffer> {
    const result = await this.callKms("the secret could not be read", () =>
      this.options.kms.send(new DecryptCommand({ CiphertextBlob: encrypted, KeyId: this.options.keyId, EncryptionContext: { tenant } })),
    );
    if (!result.Plaintext) throw new Error("KMS returned no plaintext key");
    return Buffer.from(result.Plaintext);
  }

  /**
   * The SDK has already retried throttling and 5xx with backoff when this sees an error. What is
   * left is an outage for the caller (UPSTREAM_ERROR, clear and retryable) unless KMS judged the
   * ciphertext itself, which is an integrity failure and stays internal.
   */
  private async callKms<T>(consequence: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof Error && INTEGRITY_ERRORS.has(error.name)) throw error;
      throw new DomainError("UPSTREAM_ERROR", `The key management service is unavailable; ${consequence}. Try again shortly.`);
    }
  }
}
