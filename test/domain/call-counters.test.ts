import { describe, expect, it } from "vitest";
import { bucketOf, DURATION_BUCKETS_MS, percentileOf, summed } from "../../domain/calls/call-counters.js";

describe("call counters", () => {
  it("counts a duration in the first bucket that holds it, and the slowest past the last bound", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(5)).toBe(0);
    expect(bucketOf(6)).toBe(1);
    expect(bucketOf(60_000)).toBe(DURATION_BUCKETS_MS.length - 1);
    expect(bucketOf(60_001)).toBe(DURATION_BUCKETS_MS.length);
  });

  it("reads percentiles as the bound of the bucket that reaches them", () => {
    // 10 calls: 5 within 5 ms, 4 within 100 ms, 1 within 1000 ms.
    const buckets = { 0: 5, 4: 4, 7: 1 };
    expect(percentileOf(buckets, 50)).toBe(5);
    expect(percentileOf(buckets, 90)).toBe(100);
    expect(percentileOf(buckets, 95)).toBe(1000);
    expect(percentileOf({}, 50)).toBeNull();
    expect(percentileOf({ [DURATION_BUCKETS_MS.length]: 1 }, 50)).toBe(60_000);
  });

  it("sums one tool's days, and keeps tools apart", () => {
    const day = (serverId: string, toolName: string, calls: number, buckets: Record<string, number>) => ({
      serverId,
      toolName,
      calls,
      failures: 1,
      rejections: 0,
      buckets,
    });
    expect(summed([day("s", "a", 2, { 0: 2 }), day("s", "a", 3, { 0: 1, 3: 2 }), day("s", "b", 1, { 1: 1 })])).toEqual([
      { serverId: "s", toolName: "a", calls: 5, failures: 2, rejections: 0, buckets: { 0: 3, 3: 2 } },
      { serverId: "s", toolName: "b", calls: 1, failures: 1, rejections: 0, buckets: { 1: 1 } },
    ]);
  });
});
