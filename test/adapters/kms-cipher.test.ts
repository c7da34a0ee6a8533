import { KMSClient } from "@aws-sdk/client-kms";
import { CUT_SHORT, cutPart } from "../support/ciphertext.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DataKeyCache } from "../../adapters/crypto/data-key-cache.js";
import { KmsCipher } from "../../adapters/crypto/kms-cipher.js";
import { kmsClient } from "../../functions/secret-cipher.js";
import { type KmsServer, startKmsServer } from "../support/kms-server.js";

const context = { tenant: "acme", record: "server/a", field: "credential" };

describe("KmsCipher through @aws-sdk/client-kms", () => {
  let kms: KmsServer;
  const client = (maxAttempts = 3) =>
    new KMSClient({ endpoint: kms.url, region: "eu-west-1", maxAttempts, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  const cipher = (cache?: DataKeyCache, maxAttempts?: number) =>
    new KmsCipher({ kms: client(maxAttempts), keyId: kms.keyId, ...(cache ? { cache } : {}) });

  beforeAll(async () => {
    kms = await startKmsServer();
  });
  afterAll(() => kms.close());
  beforeEach(() => {
    kms.calls.length = 0;
    kms.setOutage(false);
    kms.throttle(0);
  });

  it("round-trips with an encrypted data key stored beside the ciphertext", async () => {
    const sealed = await cipher().encrypt("Bearer kms-secret-0001", context);
    expect(sealed).toMatch(/^kms1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("kms-secret");
    expect(await cipher().decrypt(sealed, context)).toBe("Bearer kms-secret-0001");
    expect(kms.count("GenerateDataKey")).toBe(1);
    expect(kms.count("Decrypt")).toBe(1);
  });

  it("refuses ciphertext copied from record A into record B (context mismatch)", async () => {
    const sealed = await cipher().encrypt("secret of A", context);
    await expect(cipher().decrypt(sealed, { ...context, record: "server/b" })).rejects.toThrow();
    await expect(cipher().decrypt(sealed, { ...context, field: "header:x-api-key" })).rejects.toThrow();
  });

  it("refuses ciphertext moved to another tenant: KMS itself rejects the data key", async () => {
    const sealed = await cipher().encrypt("secret of acme", context);
    await expect(cipher().decrypt(sealed, { ...context, tenant: "globex" })).rejects.toMatchObject({ name: "InvalidCiphertextException" });
  });

  it("refuses a tag cut short (Node would check only what is left of it) and an IV of another size", async () => {
    const sealed = await cipher().encrypt("secret", context);
    for (const [part, bytes] of CUT_SHORT) await expect(cipher().decrypt(cutPart(sealed, part, bytes), context)).rejects.toThrow();
  });

  it("refuses a flipped byte, in the data or in the wrapped key", async () => {
    const sealed = await cipher().encrypt("secret", context);
    for (const part of [2, 4, 1]) {
      const parts = sealed.split(".");
      const bytes = Buffer.from(parts[part]!, "base64url");
      bytes[bytes.length - 1]! ^= 1;
      parts[part] = bytes.toString("base64url");
      await expect(cipher().decrypt(parts.join("."), context)).rejects.toThrow();
    }
  });

  it("retries KMS throttling with backoff and then succeeds", async () => {
    kms.throttle(2);
    const sealed = await cipher(undefined, 5).encrypt("after throttling", context);
    expect(kms.count("GenerateDataKey")).toBe(3);
    expect(await cipher().decrypt(sealed, context)).toBe("after throttling");
  });

  it("rides out a burst of throttling with the client the service builds (its retries configured, not the SDK's three attempts)", async () => {
    kms.throttle(4);
    const configured = new KmsCipher({ kms: kmsClient({ AWS_REGION: "eu-west-1", KMS_ENDPOINT: kms.url }), keyId: kms.keyId });
    const sealed = await configured.encrypt("after a burst", context);
    expect(kms.count("GenerateDataKey")).toBe(5);
    expect(await configured.decrypt(sealed, context)).toBe("after a burst");
  });

  it("turns an outage into a clear UPSTREAM_ERROR once the retries are spent", async () => {
    kms.setOutage(true);
    await expect(cipher(undefined, 2).encrypt("x", context)).rejects.toMatchObject({
      code: "UPSTREAM_ERROR",
      message: expect.stringMatching(/key management service is unavailable; nothing was saved/),
    });
    expect(kms.count("GenerateDataKey")).toBe(2);
  });

  it("reuses a data key within its use and age limits, then asks for a fresh one", async () => {
    let now = 0;
    const cache = new DataKeyCache({ maxUses: 3, maxAgeMs: 1000 }, () => now);
    const sealing = cipher(cache);
    for (let i = 0; i < 3; i++) await sealing.encrypt(`s${i}`, context);
    expect(kms.count("GenerateDataKey")).toBe(1);
    await sealing.encrypt("fourth use", context);
    expect(kms.count("GenerateDataKey")).toBe(2);
    now = 1500;
    await sealing.encrypt("after max age", context);
    expect(kms.count("GenerateDataKey")).toBe(3);
    await sealing.encrypt("other tenant", { ...context, tenant: "globex" });
    expect(kms.count("GenerateDataKey")).toBe(4);
  });

  it("decrypts many secrets of one data key with one KMS call, and never caches a failure", async () => {
    const sealing = cipher();
    const sealed = await Promise.all(["a", "b", "c"].map((value) => sealing.encrypt(value, context)));
    const reading = cipher();
    kms.setOutage(true);
    await expect(reading.decrypt(sealed[0]!, context)).rejects.toMatchObject({ code: "UPSTREAM_ERROR" });
    kms.setOutage(false);
    kms.calls.length = 0;
    expect(await Promise.all(sealed.map((value) => reading.decrypt(value, context)))).toEqual(["a", "b", "c"]);
    expect(kms.count("Decrypt")).toBe(1);
  });
});
