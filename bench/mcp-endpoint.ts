/**
 * `npm run bench:mcp-endpoint`: what the MCP endpoint adds to a tool call. In one run, side by
 * side against the same SDK-built MCP server on loopback, sequential `echo` calls:
 *  - through `POST /mcp` with a 2025-era SDK client (session kept, as most clients do today),
 *  - through `POST /mcp` with a 2026-era client (stateless: each request stands alone),
 *  - through a direct SDK client to the server (the baseline),
 * with p50/p95 and their ratios to the baseline. DynamoDB is dynalite in a process of its own. Prints JSON.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createDynamoClient } from "../adapters/dynamo/client.js";
import { actAs } from "../domain/access/actor.js";
import { isMcpPath } from "../functions/http/mcp-paths.js";
import { serveFetch } from "../functions/http/serve-fetch.js";
import { startDynaliteProcess } from "../test/support/dynalite-process.js";
import { connectClient } from "../test/support/mcp/clients.js";
import { startSdkServer } from "../test/support/mcp/sdk-server.js";
import { benchApi, countRequests } from "./harness.js";
import { timeSequential } from "./stats.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 500);

const upstream = await startSdkServer();
const embedded = await startDynaliteProcess();
const dynamo = createDynamoClient({ endpoint: embedded.endpoint });
const dynamoRequests = countRequests(dynamo);
const api = await benchApi(dynamo, "bench-mcp");
const http = createServer((request, response) => {
  if (!isMcpPath(new URL(request.url ?? "/", "http://localhost").pathname)) return void response.writeHead(404).end();
  void serveFetch(request, response, async (fetchRequest) => (await api.mcpEndpoint(fetchRequest)) ?? new Response(null, { status: 404 }));
});
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;

const admin = { tenantId: "bench", userId: "admin", roles: ["admin"] };
const server = await api.services.servers.create(admin, { name: "Echo", url: upstream.url });
await api.services.serverHealth.refresh(actAs(admin), server.id);
const token = await api.issuer.sign({ tenant: "bench", sub: "agent-user", roles: [] });

const direct = new Client({ name: "bench-direct", version: "1" });
await direct.connect(new StreamableHTTPClientTransport(new URL(upstream.url)));
const legacy = await connectClient("2025-11-25", endpoint, token);
const modern = await connectClient("2026-07-28", endpoint, token);

const checked = (result: { isError?: boolean }) => {
  if (result.isError) throw new Error(JSON.stringify(result));
};
const baseline = await timeSequential(
  CALLS,
  async () => checked((await direct.callTool({ name: "echo", arguments: { message: "ping" } })) as never),
  50,
);
const requestsBefore = dynamoRequests();
const viaLegacy = await timeSequential(CALLS, async () => checked(await legacy.callTool("mcp__echo__echo", { message: "ping" })), 50);
const dynamoPerCall = (dynamoRequests() - requestsBefore) / (CALLS + 50);
const viaModern = await timeSequential(CALLS, async () => checked(await modern.callTool("mcp__echo__echo", { message: "ping" })), 50);

const ratio = (value: number) => Number((value / baseline.p50).toFixed(2));
console.log(
  JSON.stringify(
    {
      calls: CALLS,
      directSdk: baseline,
      viaMcpEndpoint2025: {
        ...viaLegacy,
        p50VsDirect: ratio(viaLegacy.p50),
        p95VsDirect: Number((viaLegacy.p95 / baseline.p95).toFixed(2)),
      },
      viaMcpEndpoint2026: {
        ...viaModern,
        p50VsDirect: ratio(viaModern.p50),
        p95VsDirect: Number((viaModern.p95 / baseline.p95).toFixed(2)),
      },
      dynamoRequestsPerCall: Number(dynamoPerCall.toFixed(2)),
    },
    null,
    2,
  ),
);

await Promise.all([direct.close(), legacy.close(), modern.close()]);
http.closeAllConnections();
http.close();
await api.connector.close();
await upstream.close();
await embedded.close();
