import { composeAwsRelayed } from "./aws/compose-relayed.js";
import { createMcpApi } from "./compose/mcp-api.js";
import { lambdaHandler } from "./http/lambda-http.js";
import { lambdaStreaming, streamingLambdaHandler } from "./http/lambda-stream.js";
import { once } from "./warm-once.js";

/**
 * The MCP endpoint for agents on Lambda (Function URL), both protocol eras; no GraphQL schema in
 * this bundle. On Lambda's runtime the answer streams (2025-era clients hear progress and approval
 * prompts during a call); 2025-era GET streams still answer 405: held open, one would bill the
 * function for as long as a client listens.
 */
async function composeMcp() {
  const { runtime, infrastructure } = await composeAwsRelayed();
  return createMcpApi(runtime, infrastructure);
}

const endpoint = once(composeMcp);

const serve = async () => {
  const mcp = await endpoint();
  return async (request: Request) => (await mcp(request)) ?? new Response("Not found", { status: 404 });
};

const streaming = lambdaStreaming();
export const handler = streaming ? streamingLambdaHandler(serve, streaming) : lambdaHandler(serve);
