/**
 * `npm run bench:refresh`: the refresh-tools job over SERVERS loopback MCP servers (default 500)
 * that each answer every request after LATENCY_MS (50), at REFRESH_TOOLS_CONCURRENCY (25). The
 * ideal wall time is one answer per server: servers / concurrency x latency (1 s by default).
 *
 * Two populations: 2025-11-25 servers (stateless SDK servers answering GET with 405, as the SDK's
 * example does), whose protocol needs three sequential requests per listing (initialize,
 * initialized, tools/list), and 2026-07-28 servers (v2 SDK, one request). Each is refreshed
 * twice, each time by a new process (a cold job): first with nothing recorded, so it probes;
 * then with what the first run recorded on each server. Prints per run the wall time, its ratio
 * to the ideal and to the protocol's floor (its sequential requests x the ideal), and HTTP and
 * DynamoDB requests per server; and a baseline from the same run: the bare v2 SDK client listing
 * the same servers at the same concurrency (connect negotiating either era, list, close), which
 * shows what of the gap to the ideal is this machine's (2 cores running the servers too).
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { createDynamoClient } from "../adapters/dynamo/client.js";
import { forEachLimited } from "../domain/shared/concurrency.js";
import { startDynaliteProcess } from "../test/support/dynalite-process.js";
import { startLoggedServers } from "../test/support/mcp/logged-server.js";
import { startModernServer } from "../test/support/mcp/modern-server.js";
import { benchApi, countRequests } from "./harness.js";

const SERVERS = Number(process.env.SERVERS ?? 500);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 50);
const CONCURRENCY = Number(process.env.REFRESH_TOOLS_CONCURRENCY ?? 25);
const env = { REFRESH_TOOLS_CONCURRENCY: String(CONCURRENCY) };
const idealMs = (SERVERS / CONCURRENCY) * LATENCY_MS;
const admin = { tenantId: "bench", userId: "admin", roles: ["admin"] };

interface Population {
  protocol: string;
  /** Requests one listing needs, one after another, once nothing is probed. */
  sequentialRequests: number;
  urlFor(name: string): string;
  httpRequests(): number;
  close(): Promise<void>;
}

async function measure(population: Population) {
  const embedded = await startDynaliteProcess();
  const table = "bench-refresh";
  const setup = createDynamoClient({ endpoint: embedded.endpoint });
  const registry = await benchApi(setup, table, env);
  for (let n = 0; n < SERVERS; n++)
    await registry.services.servers.create(admin, { name: `Server ${n}`, url: population.urlFor(`s${n}`), toolsCacheEnabled: true });
  await registry.connector.close();
  setup.destroy();

  const runs = [];
  for (const run of ["first: nothing recorded, probes", "next: starts from what was recorded"]) {
    // A new process: its own DynamoDB client, client pool and protocol memory.
    const dynamo = createDynamoClient({ endpoint: embedded.endpoint });
    const api = await benchApi(dynamo, table, env);
    const dynamoRequests = countRequests(dynamo);
    const httpBefore = population.httpRequests();
    const started = performance.now();
    const report = await api.refresher.refreshAll();
    const wallMs = performance.now() - started;
    if (report.refreshed !== SERVERS) throw new Error(`refreshed ${JSON.stringify(report)}`);
    runs.push({
      run,
      wallMs: Math.round(wallMs),
      ratioToIdeal: Number((wallMs / idealMs).toFixed(2)),
      ratioToProtocolFloor: Number((wallMs / (idealMs * population.sequentialRequests)).toFixed(2)),
      httpRequestsPerServer: Number(((population.httpRequests() - httpBefore) / SERVERS).toFixed(2)),
      dynamoRequestsPerServer: Number((dynamoRequests() / SERVERS).toFixed(2)),
    });
    await api.connector.close();
    dynamo.destroy();
  }
  await embedded.close();
  const baseline = await bareSdk(population);
  await population.close();
  return { protocol: population.protocol, sequentialRequestsPerListing: population.sequentialRequests, runs, bareSdkBaseline: baseline };
}

/** The same listings by the bare SDK client, no platform: connect negotiating either era, list, close. */
async function bareSdk(population: Population) {
  const httpBefore = population.httpRequests();
  const started = performance.now();
  await forEachLimited(
    Array.from({ length: SERVERS }, (_, n) => population.urlFor(`s${n}`)),
    CONCURRENCY,
    async (url) => {
      const client = new Client({ name: "bench", version: "1.0.0" }, { versionNegotiation: { mode: "auto" } });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      await client.listTools();
      await client.close();
    },
  );
  const wallMs = performance.now() - started;
  return {
    wallMs: Math.round(wallMs),
    ratioToIdeal: Number((wallMs / idealMs).toFixed(2)),
    httpRequestsPerServer: Number(((population.httpRequests() - httpBefore) / SERVERS).toFixed(2)),
  };
}

const legacy = await startLoggedServers({ latencyMs: LATENCY_MS });
const modern = await startModernServer({ latencyMs: LATENCY_MS });
const results = [
  await measure({
    protocol: "2025-11-25",
    sequentialRequests: 3,
    urlFor: legacy.url,
    httpRequests: () => legacy.log.length,
    close: () => legacy.close(),
  }),
  await measure({
    protocol: "2026-07-28",
    sequentialRequests: 1,
    urlFor: modern.urlFor,
    httpRequests: () => modern.counts.requests,
    close: () => modern.close(),
  }),
];
console.log(
  JSON.stringify(
    {
      benchmark: "refresh-tools",
      servers: SERVERS,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      idealMs,
      target: "<= 1.5x ideal",
      results,
    },
    null,
    2,
  ),
);
