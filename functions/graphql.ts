import { composeAwsSockets } from "./aws/compose-sockets.js";
import { createGraphQLApi } from "./compose/graphql-api.js";
import { corsOriginsOf, loadConfig } from "./config.js";
import { lambdaHandler } from "./http/lambda-http.js";
import { once } from "./warm-once.js";

/** The GraphQL API on Lambda (Function URL); what it publishes reaches WebSocket subscribers directly. Composed once per warm container. */
async function composeGraphQL() {
  const config = loadConfig();
  const { runtime, infrastructure } = await composeAwsSockets();
  const options = {
    graphiql: config.GRAPHIQL ?? false,
    introspection: config.INTROSPECTION ?? false,
    maxBodyBytes: config.MAX_BODY_BYTES,
    corsOrigins: corsOriginsOf(config),
  };
  return { yoga: createGraphQLApi(runtime, infrastructure, options), counters: runtime.services.toolMetrics };
}

const api = once(composeGraphQL);

export const handler = lambdaHandler(async () => {
  const { yoga, counters } = await api();
  return async (request) => {
    const response = await yoga.fetch(request);
    // A call's counters are written beside it: done before Lambda freezes the container with the answer.
    await counters.settled();
    return response;
  };
});
