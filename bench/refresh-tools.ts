/**
 * `npm run bench:refresh`: the refresh-tools job over SERVERS loopback MCP servers (default 500)
 * that each answer every request after LATENCY_MS (50), at REFRESH_TOOLS_CONCURRENCY (25).
 * The ideal wall time is one answer per server, servers / concurrency x latency (1 s by default);
 * prints the measured wall time, its ratio to that ideal, HTTP requests and DynamoDB requests per
 * server. Servers are stateless SDK servers (2025-11-25) behind one loopback listener, one path each.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createDynamoClient } from "../adapters/dynamo/client.js";
import { startDynaliteProcess } from "../test/support/dynalite-process.js";
import { benchApi, countRequests } from "./harness.js";

const SERVERS = Number(process.env.SERVERS ?? 500);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 50);
const CONCURRENCY = Number(process.env.REFRESH_TOOLS_CONCURRENCY ?? 25);

const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : undefined;
};

let httpRequests = 0;
const upstreams = createServer((request, response) => {
  httpRequests += 1;
  void (async () => {
    const body = await bodyOf(request);
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    const server = new McpServer({ name: "bench", version: "1.0.0" });
    server.registerTool("lookup", { description: "Looks something up", inputSchema: {} }, async () => ({ content: [] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on("close", () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  })();
});
await new Promise<void>((resolve) => upstreams.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(upstreams.address() as AddressInfo).port}`;

const embedded = await startDynaliteProcess();
const dynamo = createDynamoClient({ endpoint: embedded.endpoint });
const api = await benchApi(dynamo, "bench-refresh", { REFRESH_TOOLS_CONCURRENCY: String(CONCURRENCY) });
const admin = { tenantId: "bench", userId: "admin", roles: ["admin"] };
for (let n = 0; n < SERVERS; n++) {
  await api.services.servers.create(admin, { name: `Server ${n}`, url: `${base}/s${n}/mcp`, toolsCacheEnabled: true });
}

const dynamoRequests = countRequests(dynamo);
const [requestsBefore, httpBefore] = [dynamoRequests(), httpRequests];
const started = performance.now();
await api.refresher.refreshAll();
const wallMs = performance.now() - started;
const idealMs = (SERVERS / CONCURRENCY) * LATENCY_MS;
console.log(
  JSON.stringify(
    {
      benchmark: "refresh-tools",
      servers: SERVERS,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      wallMs: Math.round(wallMs),
      idealMs,
      ratioToIdeal: Number((wallMs / idealMs).toFixed(2)),
      httpRequestsPerServer: Number(((httpRequests - httpBefore) / SERVERS).toFixed(2)),
      dynamoRequestsPerServer: Number(((dynamoRequests() - requestsBefore) / SERVERS).toFixed(2)),
    },
    null,
    2,
  ),
);
await api.connector.close();
upstreams.closeAllConnections();
upstreams.close();
dynamo.destroy();
await embedded.close();
