import { composeAwsRelayed } from "./aws/compose-relayed.js";
import { createMcpApi } from "./compose/mcp-api.js";
import { lambdaHandler } from "./http/lambda-http.js";

/** The MCP endpoint for agents on Lambda (Function URL), both protocol eras; no GraphQL schema in this bundle. */
async function composeMcp() {
  const { runtime, infrastructure } = await composeAwsRelayed();
  return createMcpApi(runtime, infrastructure);
}

let endpoint: ReturnType<typeof composeMcp> | undefined;

export const handler = lambdaHandler(async () => {
  endpoint ??= composeMcp();
  const serve = await endpoint;
  return async (request) => (await serve(request)) ?? new Response("Not found", { status: 404 });
});
