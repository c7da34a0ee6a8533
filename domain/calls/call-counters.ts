/**
 * Calls counted per server, tool and day as they finish, so metrics never read the calls
 * themselves: totals, and a histogram of durations from which percentiles are read.
 */

/** Upper bounds (ms) of the duration buckets; the last bucket holds everything slower. */
export const DURATION_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000] as const;

export interface CounterRow {
  readonly serverId: string;
  readonly toolName: string;
  readonly calls: number;
  readonly failures: number;
  readonly rejections: number;
  /** Calls per bucket, by index into DURATION_BUCKETS_MS (and one past it for slower ones). */
  readonly buckets: Readonly<Record<string, number>>;
}

/** The bucket a duration is counted in. */
export const bucketOf = (durationMs: number) => {
  const index = DURATION_BUCKETS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? DURATION_BUCKETS_MS.length : index;
};

/**
 * The duration under which `percent` of the counted calls finished, as the upper bound of the
 * bucket that reaches it (null with nothing counted; the slowest bucket reads as its lower bound).
 */
export function percentileOf(buckets: Readonly<Record<string, number>>, percent: number): number | null {
  const counts = Array.from({ length: DURATION_BUCKETS_MS.length + 1 }, (_, index) => buckets[String(index)] ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil((percent / 100) * total);
  let seen = 0;
  for (const [index, count] of counts.entries()) {
    seen += count;
    if (seen >= rank) return DURATION_BUCKETS_MS[index] ?? DURATION_BUCKETS_MS.at(-1)!;
  }
  return DURATION_BUCKETS_MS.at(-1)!;
}

/** Rows of one server and tool across days, summed. */
export function summed(rows: readonly CounterRow[]): CounterRow[] {
  const byTool = new Map<string, CounterRow>();
  for (const row of rows) {
    const key = JSON.stringify([row.serverId, row.toolName]);
    const before = byTool.get(key);
    const buckets = { ...before?.buckets };
    for (const [index, count] of Object.entries(row.buckets)) buckets[index] = (buckets[index] ?? 0) + count;
    byTool.set(key, {
      serverId: row.serverId,
      toolName: row.toolName,
      calls: (before?.calls ?? 0) + row.calls,
      failures: (before?.failures ?? 0) + row.failures,
      rejections: (before?.rejections ?? 0) + row.rejections,
      buckets,
    });
  }
  return [...byTool.values()];
}
