/**
 * `npm run bench:tool-call`: what the control plane adds to a tool call. In one run, side by
 * side against the same SDK-built MCP server on loopback:
 *  - 1000 sequential `echo` calls through `callTool` (auto-approved) over HTTP to the API,
 *  - 1000 sequential `echo` calls through a direct MCP SDK client (the baseline),
 * their p50/p95 and ratio; then 50 concurrent callTool callers for 10 seconds (throughput,
 * errors). DynamoDB is dynalite in a process of its own. Prints JSON.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createDynamoClient } from "../adapters/dynamo/client.js";
import { actAs } from "../domain/access/actor.js";
import { startDynaliteProcess } from "../test/support/dynalite-process.js";
import { startSdkServer } from "../test/support/mcp/sdk-server.js";
import { benchApi, countRequests } from "./harness.js";
import { percentile, timeSequential } from "./stats.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const upstream = await startSdkServer();
// DynamoDB is another service in production: dynalite runs in its own process here.
const embedded = await startDynaliteProcess();
const dynamo = createDynamoClient({ endpoint: embedded.endpoint });
const dynamoRequests = countRequests(dynamo);
const api = await benchApi(dynamo, "bench-calls");
const { issuer } = api;
const http = createServer((request, response) => void api.yoga(request, response));
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;

const admin = { tenantId: "bench", userId: "admin", roles: ["admin"] };
const server = await api.services.servers.create(admin, { name: "Echo", url: upstream.url });
await api.services.serverHealth.refresh(actAs(admin), server.id);
const token = await issuer.sign({ tenant: "bench", sub: "agent-user", roles: [] });
const body = JSON.stringify({
  query: "mutation($i: CallToolInput!) { callTool(input: $i) { status result } }",
  variables: { i: { qualifiedName: "mcp__echo__echo", arguments: { message: "ping" } } },
});
const viaApi = async () => {
  const response = await fetch(apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  const result = await response.json();
  if (result.data?.callTool?.status !== "SUCCEEDED") throw new Error(JSON.stringify(result));
};

const direct = new Client({ name: "bench-direct", version: "1" });
await direct.connect(new StreamableHTTPClientTransport(new URL(upstream.url)));
const viaSdk = async () => {
  const result = await direct.callTool({ name: "echo", arguments: { message: "ping" } });
  if (result.isError) throw new Error("echo failed");
};

const baseline = await timeSequential(CALLS, viaSdk, 50);
const before = dynamoRequests();
const controlPlane = await timeSequential(CALLS, viaApi, 50);
const dynamoPerCall = Number(((dynamoRequests() - before) / (CALLS + 50)).toFixed(2));

/** CONCURRENCY callers for LOAD_SECONDS, each calling again as soon as its call returns. */
async function underLoad(call: () => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
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
    throughputPerSecond: Number((latencies.length / LOAD_SECONDS).toFixed(1)),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

// The same load against the server directly (one SDK client per caller, as agents would hold), then through callTool.
const directClients = await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    const client = new Client({ name: "bench-load", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(upstream.url)));
    return client;
  }),
);
let next = 0;
const directLoad = await underLoad(async () => {
  const result = await directClients[next++ % CONCURRENCY]!.callTool({ name: "echo", arguments: { message: "ping" } });
  if (result.isError) throw new Error("echo failed");
});
await Promise.all(directClients.map((client) => client.close()));
const apiLoad = await underLoad(viaApi);

console.log(
  JSON.stringify(
    {
      benchmark: "tool-call",
      sequential: {
        calls: CALLS,
        directSdkMs: baseline,
        callToolMs: controlPlane,
        ratioP50: Number((controlPlane.p50 / baseline.p50).toFixed(2)),
        ratioP95: Number((controlPlane.p95 / baseline.p95).toFixed(2)),
        dynamoRequestsPerCall: dynamoPerCall,
      },
      load: {
        concurrency: CONCURRENCY,
        seconds: LOAD_SECONDS,
        directSdk: directLoad,
        callTool: apiLoad,
        throughputRatio: Number((apiLoad.throughputPerSecond / directLoad.throughputPerSecond).toFixed(2)),
      },
    },
    null,
    2,
  ),
);

await direct.close();
await api.connector.close();
http.closeAllConnections();
http.close();
dynamo.destroy();
await embedded.close();
await upstream.close();
process.exit(0);
