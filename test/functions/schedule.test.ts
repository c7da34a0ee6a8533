import { describe, expect, it } from "vitest";
import { parseEvery } from "../../functions/local/schedule.js";

describe("parseEvery", () => {
  it.each([
    ["15m", 900_000],
    ["30s", 30_000],
    ["1h", 3_600_000],
    ["off", null],
  ])("reads %s", (schedule, ms) => {
    expect(parseEvery(schedule)).toBe(ms);
  });

  it.each(["", "15", "0m", "5 minutes", "rate(15 minutes)", "-1m"])("refuses %j", (schedule) => {
    expect(() => parseEvery(schedule)).toThrow(/Invalid schedule/);
  });
});
