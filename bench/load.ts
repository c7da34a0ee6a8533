import { percentile } from "./stats.js";

/** `callers` concurrent callers for `seconds`, each calling again as soon as its call returns: throughput, errors, latency. */
export async function underLoad(callers: number, seconds: number, call: () => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        try {
          await call();
          latencies.push(performance.now() - started);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    errors,
    throughputPerSecond: Number((latencies.length / seconds).toFixed(1)),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}
