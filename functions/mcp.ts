import { composeAwsMcp } from "./aws/compose-aws.js";
import { lambdaHandler } from "./http/lambda-http.js";

/** The MCP endpoint for agents on Lambda (Function URL), both protocol eras. Composition happens once per warm container. */
let endpoint: ReturnType<typeof composeAwsMcp> | undefined;

export const handler = lambdaHandler(async () => {
  endpoint ??= composeAwsMcp();
  const serve = await endpoint;
  return async (request) => (await serve(request)) ?? new Response("Not found", { status: 404 });
});
