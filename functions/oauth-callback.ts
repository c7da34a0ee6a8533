import { composeAwsJobs } from "./aws/compose-aws.js";
import { lambdaHandler } from "./http/lambda-http.js";
import { handleOAuthCallback } from "./http/oauth-callback.js";

/** `GET /oauth/callback` on Lambda (Function URL): finishes a user's OAuth authorization. */
let runtime: ReturnType<typeof composeAwsJobs> | undefined;

export const handler = lambdaHandler(async () => {
  runtime ??= composeAwsJobs();
  const { services } = await runtime;
  return (request) => handleOAuthCallback(services.oauth, request);
});
