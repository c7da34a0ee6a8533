/* global performance */
// One cold start, in a fresh process: import a bundle, answer one event, print the times as JSON.
// Run by bench/cold-start/run.ts; plain Node, so nothing but the bundle is loaded.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, "utf8"));
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(event, { awsRequestId: "cold-start", functionName: "bench", getRemainingTimeInMillis: () => 30_000 });
const answered = performance.now();
const status = result && typeof result === "object" && "statusCode" in result ? result.statusCode : "ok";
process.stdout.write(JSON.stringify({ importMs: imported - started, firstRequestMs: answered - imported, status }) + "\n");
process.exit(0);
