/** Percentiles and timing helpers shared by the benchmarks. */
export function percentile(sortedMs: number[], p: number): number {
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return Number(sortedMs[Math.max(0, index)]!.toFixed(3));
}

/** Runs `task` `iterations` times in sequence after a warm-up; returns p50/p95/mean in ms. */
export async function timeSequential(iterations: number, task: () => Promise<unknown>, warmup = 20) {
  for (let i = 0; i < warmup; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { iterations, p50: percentile(samples, 50), p95: percentile(samples, 95), mean: Number(mean.toFixed(3)) };
}
