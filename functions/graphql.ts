import { composeAwsApi } from "./aws/compose-aws.js";
import { lambdaHandler } from "./http/lambda-http.js";

/** The GraphQL API on Lambda (Function URL). Composition happens once per warm container. */
let api: ReturnType<typeof composeAwsApi> | undefined;

export const handler = lambdaHandler(async () => {
  api ??= composeAwsApi();
  const { yoga } = await api;
  return (request) => yoga.fetch(request);
});
