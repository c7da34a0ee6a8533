import { composeAwsRelayed } from "./aws/compose-relayed.js";
import { lambdaHandler } from "./http/lambda-http.js";
import { publicRoute } from "./http/public-routes.js";

/**
 * The public endpoints on Lambda: the identity JWKS and the OAuth redirect URI. Its Function URL
 * is PUBLIC_URL for every other function; it learns it from its first request.
 */
let composed: ReturnType<typeof composeAwsRelayed> | undefined;

export const handler = lambdaHandler(async () => async (request) => {
  composed ??= composeAwsRelayed(new URL(request.url).origin);
  return publicRoute((await composed).runtime)(request) ?? new Response("Not found", { status: 404 });
});
