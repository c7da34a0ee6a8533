import { composeAwsJobs } from "./aws/compose-aws.js";
import { lambdaHandler } from "./http/lambda-http.js";
import { publicRoute } from "./http/public-routes.js";

/**
 * The public endpoints on Lambda: the identity JWKS and the OAuth redirect URI. Its Function URL
 * is PUBLIC_URL for every other function; it learns it from its first request.
 */
let runtime: ReturnType<typeof composeAwsJobs> | undefined;

export const handler = lambdaHandler(async () => async (request) => {
  runtime ??= composeAwsJobs(new URL(request.url).origin);
  return publicRoute(await runtime)(request) ?? new Response("Not found", { status: 404 });
});
