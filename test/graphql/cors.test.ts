import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, corsOriginsOf } from "../../functions/config.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

const preflight = (api: TestApi, origin: string) =>
  api.yoga.fetch("http://localhost/graphql", {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
  });

describe("CORS: only the configured origins", () => {
  let configured: TestApi;
  let unconfigured: TestApi;
  beforeAll(async () => {
    configured = await startTestApi({ corsOrigins: ["https://app.example.com"] });
    unconfigured = await startTestApi();
  });
  afterAll(async () => {
    await configured.close();
    await unconfigured.close();
  });

  it("answers a configured origin, and no other", async () => {
    expect((await preflight(configured, "https://app.example.com")).headers.get("access-control-allow-origin")).toBe(
      "https://app.example.com",
    );
    // Never the asking origin: a browser on another site is refused.
    expect((await preflight(configured, "https://evil.example.net")).headers.get("access-control-allow-origin")).not.toBe(
      "https://evil.example.net",
    );
  });

  it("answers no origin at all when none is configured", async () => {
    for (const origin of ["https://app.example.com", "https://evil.example.net"])
      expect((await preflight(unconfigured, origin)).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reads CORS_ORIGINS as origins, and refuses an entry that is not one", () => {
    expect(corsOriginsOf(loadConfig({ CORS_ORIGINS: "https://a.example.com, https://b.example.com/" }))).toEqual([
      "https://a.example.com",
      "https://b.example.com",
    ]);
    expect(() => corsOriginsOf(loadConfig({ CORS_ORIGINS: "https://a.example.com/path" }))).toThrow("CORS_ORIGINS");
  });
});
