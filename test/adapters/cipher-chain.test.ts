import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CipherChain } from "../../adapters/crypto/cipher-chain.js";
import { LocalCipher } from "../../adapters/crypto/local-cipher.js";
import { loadConfig } from "../../functions/config.js";
import { cipherFromConfig } from "../../functions/secret-cipher.js";
import { type KmsServer, startKmsServer } from "../support/kms-server.js";

const context = { tenant: "acme", record: "server/1", field: "credential" };

describe("key rotation", () => {
  it("keeps reading records sealed under a previous local key, and says they are stale", async () => {
    const oldKey = randomBytes(32);
    const sealed = await new LocalCipher(oldKey).encrypt("old secret", context);
    const rotated = new LocalCipher(randomBytes(32), [oldKey]);
    expect(await rotated.decrypt(sealed, context)).toBe("old secret");
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(await rotated.encrypt("new", context))).toBe(false);
  });
});

describe("cipherFromConfig", () => {
  let kms: KmsServer;
  beforeAll(async () => {
    kms = await startKmsServer();
  });
  afterAll(() => kms.close());

  it("moves a data dir from the local cipher to KMS without losing a record", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cipher-"));
    const local = await cipherFromConfig(loadConfig({ SECRETS: "local" }), { dataDir });
    const sealedLocally = await local.encrypt("sealed before the switch", context);

    const config = loadConfig({ SECRETS: "kms", KMS_KEY_ID: kms.keyId, KMS_ENDPOINT: kms.url });
    const chain = (await cipherFromConfig(config, { dataDir })) as CipherChain;
    expect(await chain.decrypt(sealedLocally, context)).toBe("sealed before the switch");
    const sealedWithKms = await chain.encrypt("sealed after", context);
    expect(sealedWithKms.startsWith("kms1.")).toBe(true);
    expect(chain.isStale(sealedLocally)).toBe(true);
    expect(chain.isStale(sealedWithKms)).toBe(false);
    await expect(chain.decrypt("rot13.abc", context)).rejects.toThrow(/format/);
  });

  it("refuses SECRETS=kms without a key id", async () => {
    await expect(cipherFromConfig(loadConfig({ SECRETS: "kms" }), {})).rejects.toThrow(/KMS_KEY_ID/);
  });
});
