import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { CUT_SHORT, cutPart } from "../support/ciphertext.js";
import { describe, expect, it } from "vitest";
import { LocalCipher, loadOrCreateMasterKey } from "../../adapters/crypto/local-cipher.js";

const context = { tenant: "acme", record: "server/1", field: "credential" };

describe("LocalCipher", () => {
  const cipher = new LocalCipher(randomBytes(32));

  it("round-trips and never repeats a ciphertext", async () => {
    const a = await cipher.encrypt("Bearer secret-value", context);
    const b = await cipher.encrypt("Bearer secret-value", context);
    expect(a).not.toBe(b);
    expect(a).not.toContain("secret-value");
    expect(a.startsWith("local1.")).toBe(true);
    expect(await cipher.decrypt(a, context)).toBe("Bearer secret-value");
  });

  it.each([
    ["another record", { ...context, record: "server/2" }],
    ["another field", { ...context, field: "header:x-api-key" }],
    ["another tenant", { ...context, tenant: "globex" }],
  ])("refuses ciphertext moved to %s", async (_label, moved) => {
    const sealed = await cipher.encrypt("s3cret", context);
    await expect(cipher.decrypt(sealed, moved)).rejects.toThrow();
  });

  it("refuses a tag cut short (Node would check only what is left of it) and an IV of another size", async () => {
    const sealed = await cipher.encrypt("s3cret", context);
    for (const [part, bytes] of CUT_SHORT) await expect(cipher.decrypt(cutPart(sealed, part, bytes), context)).rejects.toThrow();
  });

  it("refuses a flipped byte", async () => {
    const sealed = await cipher.encrypt("s3cret", context);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[4]!, "base64url");
    data[0]! ^= 1;
    parts[4] = data.toString("base64url");
    await expect(cipher.decrypt(parts.join("."), context)).rejects.toThrow();
  });

  it("refuses ciphertext of another master key and of an unknown format", async () => {
    const sealed = await new LocalCipher(randomBytes(32)).encrypt("s3cret", context);
    await expect(cipher.decrypt(sealed, context)).rejects.toThrow(/another master key/);
    await expect(cipher.decrypt("v0.abc", context)).rejects.toThrow(/format/);
  });
});

describe("loadOrCreateMasterKey", () => {
  it("creates a 0600 key file once and reads the same key afterwards", async () => {
    const dir = await mkdtemp(join(tmpdir(), "master-key-"));
    const first = await loadOrCreateMasterKey(dir);
    const second = await loadOrCreateMasterKey(dir);
    expect(first.equals(second)).toBe(true);
    expect((await stat(join(dir, "master.key"))).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await readFile(join(dir, "master.key"), "utf8"), "base64")).toHaveLength(32);
  });
});
