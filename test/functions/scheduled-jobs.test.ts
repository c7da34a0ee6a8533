import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshOAuth } from "../../functions/jobs/oauth-refresh.js";
import { refreshTools } from "../../functions/jobs/refresh-tools.js";
import { CREATE } from "../graphql/server-fields.js";
import { manualClock } from "../support/clock.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";

/** Scheduler deliveries as EventBridge Scheduler sends them (sst.config.ts fills in scheduledTime). */
const delivery = (scheduledTime: string) => ({ scheduledTime });

describe("a scheduled job delivered more than once", () => {
  let api: TestApi;
  let upstream: SdkServer;
  const clock = manualClock();
  const upstreamRequests = () => upstream.state.requestHeaders.length;

  beforeAll(async () => {
    api = await startTestApi({ clock });
    upstream = await startSdkServer();
    const created = await api.gql(alice, CREATE, { input: { name: "Cached", url: upstream.url, toolsCacheEnabled: true } });
    expect(created.body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await api.close();
    await upstream.close();
  });

  it("runs once when two deliveries of one run arrive together, and not again when a third comes later", async () => {
    const run = delivery("2026-12-02T10:00:00Z");
    const before = upstreamRequests();
    const outcomes = await Promise.all([refreshTools(api, run), refreshTools(api, run)]);
    expect(outcomes.map((outcome) => outcome.ran).sort()).toEqual([false, true]);
    const ran = outcomes.find((outcome) => outcome.ran);
    expect(ran).toMatchObject({ result: { due: 1, refreshed: 1 } });
    const byOneRun = upstreamRequests() - before;
    expect(byOneRun).toBeGreaterThan(0);

    clock.advance(10 * 60_000);
    expect(await refreshTools(api, run)).toEqual({ ran: false });
    expect(upstreamRequests() - before).toBe(byOneRun);
  });

  it("runs the next scheduled time, and every run started by hand", async () => {
    clock.advance(16 * 60_000);
    expect((await refreshTools(api, delivery("2026-12-02T10:15:00Z"))).ran).toBe(true);
    expect((await refreshTools(api, {})).ran).toBe(true);
    expect((await refreshTools(api, {})).ran).toBe(true);
  });

  it("deduplicates the oauth-refresh job the same way, apart from refresh-tools", async () => {
    const run = delivery("2026-12-02T10:00:00Z");
    expect((await refreshOAuth(api, run)).ran).toBe(true);
    expect((await refreshOAuth(api, run)).ran).toBe(false);
  });

  it("gives a failed run back, so the scheduler's retry runs it", async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("first attempt failed");
      return "done";
    };
    await expect(api.scheduledRuns.once("flaky", "2026-12-02T11:00:00Z", flaky)).rejects.toThrow("first attempt failed");
    expect(await api.scheduledRuns.once("flaky", "2026-12-02T11:00:00Z", flaky)).toEqual({ ran: true, result: "done" });
    expect(await api.scheduledRuns.once("flaky", "2026-12-02T11:00:00Z", flaky)).toEqual({ ran: false });
    expect(attempts).toBe(2);
  });

  it("takes over a run whose process died, once its lease has run out, and not before", async () => {
    const scheduledTime = "2026-12-02T12:00:00Z";
    // A delivery that claimed the run and never finished (its Lambda was killed).
    void api.scheduledRuns.once("abandoned", scheduledTime, () => new Promise<never>(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await api.scheduledRuns.once("abandoned", scheduledTime, async () => "too early")).toEqual({ ran: false });
    clock.advance(7 * 60_000);
    expect(await api.scheduledRuns.once("abandoned", scheduledTime, async () => "taken over")).toEqual({ ran: true, result: "taken over" });
  });

  it("refuses a delivery whose scheduled time is not a time, running nothing", async () => {
    const before = upstreamRequests();
    expect(() => refreshTools(api, { scheduledTime: "yesterday" })).toThrow();
    expect(upstreamRequests()).toBe(before);
  });
});
