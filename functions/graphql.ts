import { lambdaHandler } from "./http/lambda-http.js";
import { composeAws } from "./aws/compose-aws.js";

/** The GraphQL API on Lambda (Function URL). Composition happens once per warm container. */
let api: ReturnType<typeof composeAws> | undefined;

export const handler = lambdaHandler(async () => {
  api ??= composeAws();
  return (await api).yoga.fetch;
});
