import { composeAwsJobs } from "../aws/compose-aws.js";

/** CronV2 `oauth-refresh`: refreshes OAuth connections whose access tokens expire soon. */
let runtime: ReturnType<typeof composeAwsJobs> | undefined;

export const handler = async () => {
  runtime ??= composeAwsJobs();
  return (await runtime).oauthRefresher.refreshExpiring();
};
