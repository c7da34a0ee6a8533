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

  it("reads how much of each listed tool is kept", () => {
    expect(settingsFromConfig(loadConfig({}), "https://x.test").toolBounds).toEqual({ descriptionBytes: 8192, schemaBytes: 65_536 });
    const set = loadConfig({ TOOL_DESCRIPTION_MAX_BYTES: "1024", TOOL_SCHEMA_MAX_BYTES: "4096" });
    expect(settingsFromConfig(set, "https://x.test").toolBounds).toEqual({ descriptionBytes: 1024, schemaBytes: 4096 });
    expect(() => loadConfig({ TOOL_DESCRIPTION_MAX_BYTES: "10" })).toThrow(/TOOL_DESCRIPTION_MAX_BYTES/);
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

describe("the payload limits", () => {
  it("default to 256 KB and 32 levels of arguments and 5 MB of result, and are read from configuration", () => {
    expect(settingsFromConfig(loadConfig({}), "https://x.test").payloadLimits).toEqual({
      maxArgumentBytes: 262_144,
      maxArgumentDepth: 32,
      maxResultBytes: 5_242_880,
    });
    const configured = loadConfig({ MAX_ARGUMENT_BYTES: "100000", MAX_ARGUMENT_DEPTH: "8", MAX_RESULT_BYTES: "10000000" });
    expect(settingsFromConfig(configured, "https://x.test").payloadLimits).toEqual({
      maxArgumentBytes: 100_000,
      maxArgumentDepth: 8,
      maxResultBytes: 10_000_000,
    });
  });

  it.each([
    ["MAX_ARGUMENT_BYTES", "400000"],
    ["MAX_ARGUMENT_DEPTH", "0"],
    ["MAX_RESULT_BYTES", "lots"],
  ])("refuses %s=%s", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
