import { describe, expect, it } from "vitest";
import { once } from "../../functions/warm-once.js";

describe("once per warm container", () => {
  it("composes on the first call and shares it with every later one", async () => {
    let compositions = 0;
    const composed = once(async () => ({ id: ++compositions }));
    const [first, second] = await Promise.all([composed(), composed()]);
    expect(first).toBe(second);
    expect(await composed()).toBe(first);
    expect(compositions).toBe(1);
  });

  it("tries again after a failed composition instead of keeping the failure", async () => {
    let attempts = 0;
    const composed = once(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("KMS unreachable");
      return "ready";
    });
    await expect(composed()).rejects.toThrow("KMS unreachable");
    expect(await composed()).toBe("ready");
    expect(attempts).toBe(2);
  });
});
