/**
 * `npm run bench:cold-start`: per Lambda handler, its bundle (raw and zipped bytes, bundled as
 * SST bundles it) and a cold start measured in fresh Node processes: importing the bundle, then
 * answering a first request against local stand-ins of DynamoDB, KMS, the JWKS and API
 * Gateway. A bare handler, bundled and started the same way in the same run, is the baseline.
 * COLD_START_RUNS (default 5) processes per handler; medians are printed. COLD_START_PROFILE=1
 * also writes a CPU profile of each handler's last start to .build/cold-start/<handler>/.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { bundleEntry, HANDLERS, type HandlerName, packageSizes } from "../../scripts/lambda-bundles.js";
import { firstEvent } from "./events.js";
import { startStandIns } from "./stand-ins.js";

const RUNS = Number(process.env.COLD_START_RUNS ?? 5);
const OUT = ".build/cold-start";
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number) => Math.round(value * 10) / 10;

interface Start {
  importMs: number;
  firstRequestMs: number;
  status: unknown;
}

// Asynchronous: the KMS and JWKS stand-ins answer from this process while the child runs.
const execFileAsync = promisify(execFile);
const profile = (file: string) => (process.env.COLD_START_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${dirname(file)}`] : []);

async function coldStarts(file: string, event: object, env: Record<string, string>) {
  const eventFile = `${file}.event.json`;
  writeFileSync(eventFile, JSON.stringify(event));
  const starts: Start[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { stdout: output } = await execFileAsync(
      process.execPath,
      [...profile(file), "bench/cold-start/invoke-once.mjs", file, eventFile],
      {
        env: { PATH: process.env.PATH ?? "", ...env },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    starts.push(JSON.parse(output.trim().split("\n").at(-1)!) as Start);
  }
  const importMs = median(starts.map((start) => start.importMs));
  const firstRequestMs = median(starts.map((start) => start.firstRequestMs));
  return {
    importMs: round(importMs),
    firstRequestMs: round(firstRequestMs),
    totalMs: round(importMs + firstRequestMs),
    status: starts[0]!.status,
  };
}

const standIns = await startStandIns();
try {
  const bare = await bundleEntry("bench/cold-start/bare-handler.ts", join(OUT, "bare"));
  const baseline = { ...packageSizes(bare), ...(await coldStarts(bare.file, {}, standIns.env)) };
  const handlers = [];
  for (const name of Object.keys(HANDLERS) as HandlerName[]) {
    const bundle = await bundleEntry(HANDLERS[name], join(OUT, name));
    const measured = await coldStarts(bundle.file, firstEvent(name, standIns.token), standIns.env);
    handlers.push({ handler: name, ...packageSizes(bundle), ...measured, overBaselineMs: round(measured.totalMs - baseline.totalMs) });
  }
  const byName = Object.fromEntries(handlers.map((handler) => [handler.handler, handler]));
  const targets = {
    graphqlColdStartBytesAtMost1_5MB: byName.graphql!.coldStartBytes <= 1_500_000,
    jobColdStartBytesAtMost1MB:
      byName["refresh-tools"]!.coldStartBytes <= 1_000_000 && byName["oauth-refresh"]!.coldStartBytes <= 1_000_000,
    graphqlImportAndFirstRequestAtMost200ms: byName.graphql!.totalMs <= 200,
  };
  console.table(
    handlers.map(({ handler, coldStartBytes, totalBytes, zippedBytes, importMs, firstRequestMs, totalMs, status }) => ({
      handler,
      coldStartBytes,
      totalBytes,
      zippedBytes,
      importMs,
      firstRequestMs,
      totalMs,
      status,
    })),
  );
  console.log(JSON.stringify({ node: process.version, runs: RUNS, baseline, handlers, targets }, null, 2));
} finally {
  await standIns.close();
}
