import { existsSync } from "node:fs";
import { join } from "node:path";
import { KMSClient } from "@aws-sdk/client-kms";
import { CipherChain, type FormattedCipher } from "../adapters/crypto/cipher-chain.js";
import { KmsCipher } from "../adapters/crypto/kms-cipher.js";
import { LocalCipher, loadOrCreateMasterKey } from "../adapters/crypto/local-cipher.js";
import type { Config } from "./config.js";

/** The SDK's standard retry strategy backs off on throttling and 5xx; five attempts ride out a burst. */
export const kmsClient = (config: Pick<Config, "AWS_REGION" | "KMS_ENDPOINT">) =>
  new KMSClient({
    region: config.AWS_REGION,
    maxAttempts: 5,
    ...(config.KMS_ENDPOINT ? { endpoint: config.KMS_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });

/**
 * The secret cipher chosen by `SECRETS`. With `kms`, a local master key found in the data dir
 * stays a reader, so records sealed before the switch still open.
 */
export async function cipherFromConfig(
  config: Config,
  { dataDir, kmsKeyId = config.KMS_KEY_ID }: { dataDir?: string; kmsKeyId?: string },
): Promise<FormattedCipher> {
  if (config.SECRETS === "local") {
    if (!dataDir) throw new Error("SECRETS=local needs a data dir for its master key");
    return new LocalCipher(await loadOrCreateMasterKey(dataDir));
  }
  if (!kmsKeyId) throw new Error("SECRETS=kms needs KMS_KEY_ID (or the linked SecretsKey on AWS)");
  const kms = new KmsCipher({ kms: kmsClient(config), keyId: kmsKeyId });
  const hasLocalKey = dataDir !== undefined && existsSync(join(dataDir, "master.key"));
  const readers = hasLocalKey ? [new LocalCipher(await loadOrCreateMasterKey(dataDir))] : [];
  return new CipherChain(kms, readers);
}
