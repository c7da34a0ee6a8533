import { language } from "../../adapters/search/language.js";
import { TenantIndex } from "../../adapters/search/tenant-index.js";
import { percentile } from "../stats.js";
import { type CatalogServer, searchableTools } from "./eval-set.js";

const SCALE = 10_000;

/** Index build time, query latency and heap of one index at `tools.length` tools. */
function measure(tools: ReturnType<typeof searchableTools>, queries: readonly string[]) {
  language(); // resources load once per process, outside any index
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new TenantIndex(tools, language());
  const buildMs = performance.now() - started;
  gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  for (const query of queries) index.search(query, () => true, 10);
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of queries) {
      const at = performance.now();
      index.search(query, () => true, 10);
      samples.push(performance.now() - at);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    tools: tools.length,
    buildMs: Number(buildMs.toFixed(1)),
    queryP50Ms: percentile(samples, 50),
    queryP95Ms: percentile(samples, 95),
    indexHeapMb: gc ? Number(heapMb.toFixed(1)) : "run with --expose-gc",
  };
}

/** At the evaluation set's size, and at 10,000 tools (copies of it under other server names). */
export function speed(catalog: readonly CatalogServer[], queries: readonly string[]) {
  const base = searchableTools(catalog);
  const copies = Math.ceil(SCALE / base.length);
  const large = Array.from({ length: copies }, (_, copy) => searchableTools(catalog, copy))
    .flat()
    .slice(0, SCALE);
  return { atSetSize: measure(base, queries), at10k: measure(large, queries) };
}
