import { describe, expect, it } from "vitest";
import { loadConfig, settingsFromConfig } from "../../functions/config.js";

describe("the refresh job's settings", () => {
  it("reach every composition from configuration (AWS included, which shares settingsFromConfig)", () => {
    const settings = settingsFromConfig(
      loadConfig({ REFRESH_TOOLS_CONCURRENCY: "25", REFRESH_TOOLS_SERVER_TIMEOUT: "30s" }),
      "https://x.test",
    );
    expect(settings.refresh).toEqual({ concurrency: 25, perServerTimeoutMs: 30_000 });
    expect(settingsFromConfig(loadConfig({}), "https://x.test").refresh).toEqual({ concurrency: 8, perServerTimeoutMs: 60_000 });
  });

  it("reads CONFIG_CACHE_STALENESS, where 0 turns the cache off, and LIVE_TOOLS_BUDGET", () => {
    expect(settingsFromConfig(loadConfig({}), "https://x.test")).toMatchObject({ configCacheMs: 1000, liveToolsBudgetMs: 3000 });
    expect(settingsFromConfig(loadConfig({ CONFIG_CACHE_STALENESS: "0", LIVE_TOOLS_BUDGET: "10s" }), "https://x.test")).toMatchObject({
      configCacheMs: 0,
      liveToolsBudgetMs: 10_000,
    });
    expect(() => settingsFromConfig(loadConfig({ CONFIG_CACHE_STALENESS: "soon" }), "https://x.test")).toThrow(/CONFIG_CACHE_STALENESS/);
  });

  it("reads INTERRUPTED_CALL_MARGIN, how long past its timeout a call may run before it reads interrupted", () => {
    expect(settingsFromConfig(loadConfig({}), "https://x.test").interruptedCallMarginMs).toBe(60_000);
    expect(settingsFromConfig(loadConfig({ INTERRUPTED_CALL_MARGIN: "2m" }), "https://x.test").interruptedCallMarginMs).toBe(120_000);
    expect(() => settingsFromConfig(loadConfig({ INTERRUPTED_CALL_MARGIN: "later" }), "https://x.test")).toThrow(/INTERRUPTED_CALL_MARGIN/);
  });

  it.each(["0", "201", "many"])("refuses REFRESH_TOOLS_CONCURRENCY=%s", (value) => {
    expect(() => loadConfig({ REFRESH_TOOLS_CONCURRENCY: value })).toThrow(/REFRESH_TOOLS_CONCURRENCY/);
  });
});
