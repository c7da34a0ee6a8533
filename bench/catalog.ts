/**
 * `npm run bench:catalog`: agentTools over cached tool lists. Seeds servers x cached tools in one
 * tenant (10 x 100, 100 x 10, 100 x 100, 1,000 x 10), and reports agentTools latency (p50/p95,
 * warm: the tenant's configuration cached) and DynamoDB requests per call, cold (the first call)
 * and warm, beside a baseline measured in the same run: the raw Query of the tenant's tool
 * partition, the least any implementation must read. Prints JSON.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDynamoClient, documentClient } from "../adapters/dynamo/client.js";
import { keys } from "../adapters/dynamo/keys.js";
import { DynamoServerStore } from "../adapters/dynamo/server-store.js";
import { DynamoToolStore } from "../adapters/dynamo/tool-store.js";
import { observeListing } from "../domain/tools/observe-listing.js";
import { startEmbeddedDynamo } from "../functions/local/embedded-dynamo.js";
import { benchApi, countRequests } from "./harness.js";
import { timeSequential } from "./stats.js";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);

async function measure(servers: number, TOOLS_PER_SERVER: number) {
  const embedded = await startEmbeddedDynamo();
  const dynamo = createDynamoClient({ endpoint: embedded.endpoint });
  const requests = countRequests(dynamo);
  const tableName = "bench-catalog";
  const api = await benchApi(dynamo, tableName);
  const { issuer } = api;
  const admin = { tenantId: "bench", userId: "admin", roles: ["admin"] };
  const db = documentClient(dynamo);
  const serverStore = new DynamoServerStore(db, tableName);
  const toolStore = new DynamoToolStore(db, tableName);
  const now = new Date().toISOString();
  for (let s = 0; s < servers; s++) {
    const server = await api.services.servers.create(admin, {
      name: `Server ${s}`,
      url: `https://mcp${s}.example.com/mcp`,
      toolsCacheEnabled: true,
    });
    const listed = Array.from({ length: TOOLS_PER_SERVER }, (_, t) => ({
      name: `tool_${t}`,
      description: `Tool ${t} of server ${s}: does something useful with its inputs.`,
      inputSchema: { type: "object", properties: { query: { type: "string" }, limit: { type: "number" } }, required: ["query"] },
      annotations: { readOnlyHint: t % 2 === 0 },
    }));
    const { records } = await observeListing(server, [], listed, now);
    await toolStore.saveObservations("bench", server.id, records);
    await serverStore.recordState("bench", server.id, { toolsCachedAt: now, status: "CONNECTED" });
  }

  const token = await issuer.sign({ tenant: "bench", sub: "alice", roles: [] });
  const agentTools = async () => {
    const response = await api.yoga.fetch("http://bench/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ agentTools { deferredCount tools { qualifiedName requiresApproval inputSchema } } }" }),
    });
    // What the service does ends with the response's bytes: the client's JSON.parse is not timed.
    const text = await response.text();
    if (!response.ok || text.includes('"errors"')) throw new Error(text.slice(0, 500));
    return text;
  };

  const before = requests();
  const first = JSON.parse(await agentTools()) as { data: { agentTools: { tools: unknown[] } } };
  if (first.data.agentTools.tools.length !== servers * TOOLS_PER_SERVER) throw new Error("wrong count");
  const requestsPerCall = requests() - before;
  const beforeWarm = requests();
  const latency = await timeSequential(ITERATIONS, agentTools, 3);
  const warmRequestsPerCall = (requests() - beforeWarm) / (ITERATIONS + 3);
  const rawToolQuery = await timeSequential(
    ITERATIONS,
    async () => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": keys.toolsOfTenant("bench").pk },
            ExclusiveStartKey,
          }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    },
    3,
  );

  await api.connector.close();
  dynamo.destroy();
  await embedded.close();
  return {
    servers,
    tools: servers * TOOLS_PER_SERVER,
    dynamoRequestsPerCall: requestsPerCall,
    warmDynamoRequestsPerCall: Number(warmRequestsPerCall.toFixed(2)),
    agentToolsMs: latency,
    baselineRawToolQueryMs: rawToolQuery,
    ratioP50: Number((latency.p50 / rawToolQuery.p50).toFixed(2)),
  };
}

const tenBy100 = await measure(10, 100);
const hundredBy10 = await measure(100, 10);
const hundredBy100 = await measure(100, 100);
const thousandBy10 = await measure(1000, 10);
console.log(
  JSON.stringify(
    {
      benchmark: "catalog",
      runs: [tenBy100, hundredBy10, hundredBy100, thousandBy10],
      // Same 1,000 tools on 10 or on 100 servers: the request count depends on bytes (1 MB query pages), not on servers.
      requestsBySameToolsMoreServers: `${tenBy100.dynamoRequestsPerCall} (10 servers) -> ${hundredBy10.dynamoRequestsPerCall} (100 servers)`,
      requestsAt100x100: hundredBy100.dynamoRequestsPerCall,
      target100x100: {
        p50Ms: hundredBy100.agentToolsMs.p50,
        p50TargetMs: 60,
        coldRequests: hundredBy100.dynamoRequestsPerCall,
        warmRequests: hundredBy100.warmDynamoRequestsPerCall,
        requestsTarget: 3,
      },
    },
    null,
    2,
  ),
);
