/**
 * `npm run bench:tool-call`: what the control plane adds to a tool call. In one run, side by
 * side against the same SDK-built MCP server on loopback, on dynalite (in a process of its own)
 * and on DynamoDB Local:
 *  - CALLS sequential `echo` calls through a direct MCP SDK client (the baseline),
 *  - CALLS sequential `echo` calls through `callTool` (auto-approved) over HTTP to the API,
 * their p50/p95, ratio and DynamoDB requests per warm call; then, on dynalite, CONCURRENCY
 * callers for LOAD_SECONDS against the server directly and through callTool (throughput,
 * errors). Prints JSON.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createDynamoClient } from "../adapters/dynamo/client.js";
import { actAs } from "../domain/access/actor.js";
import { startDynaliteProcess } from "../test/support/dynalite-process.js";
import { startDynamoDbLocal } from "../test/support/dynamodb-local.js";
import { startSdkServer } from "../test/support/mcp/sdk-server.js";
import { benchApi, countRequests } from "./harness.js";
import { underLoad } from "./load.js";
import { timeSequential } from "./stats.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const upstream = await startSdkServer();
const direct = new Client({ name: "bench-direct", version: "1" });
await direct.connect(new StreamableHTTPClientTransport(new URL(upstream.url)));
const viaSdk = async () => {
  const result = await direct.callTool({ name: "echo", arguments: { message: "ping" } });
  if (result.isError) throw new Error("echo failed");
};

/** The API over DynamoDB at `endpoint`, serving HTTP on loopback, with the echo server registered. */
async function apiOn(endpoint: string) {
  const dynamo = createDynamoClient({ endpoint });
  const dynamoRequests = countRequests(dynamo);
  // The call's counters (toolMetrics) are written beside it, once its answer is decided: counted apart.
  let counterWrites = 0;
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      if (((args.input as { Key?: { pk?: string } }).Key?.pk ?? "").endsWith("#METRICS")) counterWrites += 1;
      return next(args);
    },
    { step: "initialize", name: "countCounterWrites" },
  );
  const api = await benchApi(dynamo, "bench-calls");
  const http = createServer((request, response) => void api.yoga(request, response));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const admin = { tenantId: "bench", userId: "admin", roles: ["admin"] };
  const server = await api.services.servers.create(admin, { name: "Echo", url: upstream.url });
  await api.services.serverHealth.refresh(actAs(admin), server.id);
  const token = await api.issuer.sign({ tenant: "bench", sub: "agent-user", roles: [] });
  const body = JSON.stringify({
    query: "mutation($i: CallToolInput!) { callTool(input: $i) { status result } }",
    variables: { i: { qualifiedName: "mcp__echo__echo", arguments: { message: "ping" } } },
  });
  const callTool = async () => {
    const response = await fetch(apiUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
    });
    const result = await response.json();
    if (result.data?.callTool?.status !== "SUCCEEDED") throw new Error(JSON.stringify(result));
  };
  const close = async () => {
    await api.connector.close();
    http.closeAllConnections();
    http.close();
    dynamo.destroy();
  };
  return { callTool, dynamoRequests: () => dynamoRequests() - counterWrites, counterWrites: () => counterWrites, close };
}

/** Sequential calls, direct then through callTool (each warmed up first), on one DynamoDB. */
async function sequential(name: string, api: Awaited<ReturnType<typeof apiOn>>) {
  const baseline = await timeSequential(CALLS, viaSdk, 50);
  await timeSequential(50, api.callTool, 0);
  const [before, countersBefore] = [api.dynamoRequests(), api.counterWrites()];
  const controlPlane = await timeSequential(CALLS, api.callTool, 0);
  return {
    dynamo: name,
    calls: CALLS,
    directSdkMs: baseline,
    callToolMs: controlPlane,
    ratioP50: Number((controlPlane.p50 / baseline.p50).toFixed(2)),
    ratioP95: Number((controlPlane.p95 / baseline.p95).toFixed(2)),
    dynamoRequestsPerWarmCall: Number(((api.dynamoRequests() - before) / CALLS).toFixed(2)),
    counterWritesPerCall: Number(((api.counterWrites() - countersBefore) / CALLS).toFixed(2)),
  };
}

const dynalite = await startDynaliteProcess();
const onDynalite = await apiOn(dynalite.endpoint);
const local = await startDynamoDbLocal();
const onLocal = await apiOn(local.endpoint);
const runs = [await sequential("dynalite", onDynalite), await sequential("DynamoDB Local", onLocal)];
await onLocal.close();
local.close();

// The same load against the server directly (one SDK client per caller, as agents would hold), then through callTool.
const directClients = await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    const client = new Client({ name: "bench-load", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(upstream.url)));
    return client;
  }),
);
let next = 0;
const directLoad = await underLoad(CONCURRENCY, LOAD_SECONDS, async () => {
  const result = await directClients[next++ % CONCURRENCY]!.callTool({ name: "echo", arguments: { message: "ping" } });
  if (result.isError) throw new Error("echo failed");
});
await Promise.all(directClients.map((client) => client.close()));
const apiLoad = await underLoad(CONCURRENCY, LOAD_SECONDS, onDynalite.callTool);

console.log(
  JSON.stringify(
    {
      benchmark: "tool-call",
      targets: { ratioP50: "<= 2.0", dynamoRequestsPerWarmCall: "<= 2" },
      sequential: runs,
      load: {
        dynamo: "dynalite",
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
await onDynalite.close();
await dynalite.close();
await upstream.close();
process.exit(0);
