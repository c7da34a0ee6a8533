import { randomBytes } from "node:crypto";
import { ApiGatewayConnections } from "../../../adapters/aws/api-gateway-connections.js";
import { lambdaEventRelay } from "../../../adapters/aws/lambda-event-relay.js";
import { createTokenVerifier } from "../../../adapters/auth/token-verifier.js";
import { LocalCipher } from "../../../adapters/crypto/local-cipher.js";
import { documentClient } from "../../../adapters/dynamo/client.js";
import { DynamoSubscriptionStore } from "../../../adapters/dynamo/subscription-store.js";
import { createJsonLogger } from "../../../adapters/logging/json-logger.js";
import { withRelay } from "../../../functions/compose/event-buses.js";
import { createGraphQLApi } from "../../../functions/compose/graphql-api.js";
import { createMcpApi } from "../../../functions/compose/mcp-api.js";
import { createSocketRuntime } from "../../../functions/compose/socket-runtime.js";
import { createRuntime, type Infrastructure } from "../../../functions/composition-root.js";
import { loadConfig, settingsFromConfig } from "../../../functions/config.js";
import { connectHandler } from "../../../functions/ws/connect.js";
import { deliverHandler } from "../../../functions/ws/deliver.js";
import { disconnectHandler } from "../../../functions/ws/disconnect.js";
import { messageHandler } from "../../../functions/ws/message.js";
import { dynamoDbLocalTable } from "../dynamo.js";
import { testIssuer, type TokenClaims } from "../tokens.js";
import { startApiGatewayWebSocket } from "./api-gateway-websocket.js";
import { startLambdaInvokeServer } from "./lambda-invoke-server.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const region = "us-east-1";

/**
 * The deployed shape on loopback stand-ins: the WebSocket handlers behind an API Gateway
 * stand-in, the GraphQL API and the delivering function on a runtime that posts to sockets, and
 * the MCP endpoint on a runtime that relays through Lambda's Invoke API; subscriptions in
 * DynamoDB Local.
 */
export async function startSocketDeployment({ clock }: Pick<Infrastructure, "clock"> = {}) {
  const table = await dynamoDbLocalTable();
  const issuer = await testIssuer();
  const logs: string[] = [];
  const base: Infrastructure = {
    dynamo: table.dynamo,
    tableName: table.tableName,
    cipher: new LocalCipher(randomBytes(32)),
    authenticate: createTokenVerifier(issuer.verifierOptions),
    logger: createJsonLogger({ level: "debug", write: (line) => logs.push(line) }),
    ...settingsFromConfig(loadConfig({ MCP_APPROVAL_WAIT: "1s" }), "https://control-plane.test"),
    outbound: { allowLoopback: true, allowCidrs: [] },
    clock,
  };
  const store = new DynamoSubscriptionStore(documentClient(table.dynamo), table.tableName);
  // The handlers compose on their first event, by which time the runtime below exists (as on Lambda).
  const late: { graphqlSide?: ReturnType<typeof createSocketRuntime> } = {};
  const composed = async () => late.graphqlSide!;
  const gateway = await startApiGatewayWebSocket({
    connect: connectHandler(async () => store),
    message: messageHandler(composed),
    disconnect: disconnectHandler(async () => store),
  });
  const graphqlSide = (late.graphqlSide = createSocketRuntime(base, {
    store,
    sockets: new ApiGatewayConnections({ endpoint: gateway.managementEndpoint, region, credentials }),
  }));
  const yoga = createGraphQLApi(graphqlSide.runtime, graphqlSide.infrastructure, {
    graphiql: false,
    introspection: true,
    maxBodyBytes: 100_000,
  });
  const lambda = await startLambdaInvokeServer({ Deliver: deliverHandler(composed) });
  const mcpSide = withRelay(base, lambdaEventRelay(store, { functionName: "Deliver", region, endpoint: lambda.endpoint, credentials }));
  const mcpRuntime = createRuntime(mcpSide);
  const mcp = createMcpApi(mcpRuntime, mcpSide);

  const tokenFor = (claims: TokenClaims, ttlSeconds?: number) => issuer.sign(claims, ttlSeconds);
  async function gql(caller: TokenClaims, query: string, variables?: Record<string, unknown>) {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor(caller)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  return {
    gateway,
    lambda,
    table,
    store,
    logs,
    mcp,
    gql,
    tokenFor,
    async close() {
      await gateway.close();
      await lambda.close();
      await graphqlSide.runtime.connector.close();
      await mcpRuntime.connector.close();
      await table.close();
    },
  };
}

export type SocketDeployment = Awaited<ReturnType<typeof startSocketDeployment>>;
