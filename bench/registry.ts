/**
 * `npm run bench:registry`: what the API costs on top of the storage it reads.
 * Lists N servers through `mcpServers` (HTTP request -> JWT check -> GraphQL -> domain -> store),
 * and, as the baseline in the same run, the raw DynamoDB Query of the same partition. Prints JSON.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDynamoClient, documentClient } from "../adapters/dynamo/client.js";
import { keys } from "../adapters/dynamo/keys.js";
import { startEmbeddedDynamo } from "../functions/local/embedded-dynamo.js";
import { randomBytes } from "node:crypto";
import { benchApi } from "./harness.js";
import { timeSequential } from "./stats.js";

const SERVERS = Number(process.env.BENCH_SERVERS ?? 100);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

const embedded = await startEmbeddedDynamo();
const dynamo = createDynamoClient({ endpoint: embedded.endpoint });
const tableName = "bench";
const { yoga, issuer } = await benchApi(dynamo, tableName);
const token = await issuer.sign({ tenant: "bench", sub: "admin", roles: ["admin"] });
const post = async (query: string, variables?: object) => {
  const response = await yoga.fetch("http://bench/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
};

const create = await timeSequential(
  SERVERS,
  async () => {
    await post(`mutation($input: CreateMcpServerInput!) { createMcpServer(input: $input) { id } }`, {
      input: {
        name: `Server ${randomBytes(6).toString("hex")}`,
        url: "https://mcp.example.com/mcp",
        headers: [{ name: "X-Key", value: "bench-secret-value" }],
      },
    });
  },
  0,
);

const db = documentClient(dynamo);
const { pk, skPrefix } = keys.servers("bench");
const rawQuery = await timeSequential(ITERATIONS, () =>
  db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)",
      ExpressionAttributeValues: { ":pk": pk, ":p": skPrefix },
    }),
  ),
);
const listThroughApi = await timeSequential(ITERATIONS, () => post("{ mcpServers { id name slug url headers { name preview } status } }"));

console.log(
  JSON.stringify(
    {
      benchmark: "registry",
      servers: SERVERS,
      createMcpServerMs: create,
      baselineRawQueryMs: rawQuery,
      mcpServersMs: listThroughApi,
      ratioP50: Number((listThroughApi.p50 / rawQuery.p50).toFixed(2)),
      ratioP95: Number((listThroughApi.p95 / rawQuery.p95).toFixed(2)),
    },
    null,
    2,
  ),
);
dynamo.destroy();
await embedded.close();
