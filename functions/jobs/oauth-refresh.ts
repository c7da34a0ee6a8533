import { composeAwsRelayed } from "../aws/compose-relayed.js";

/** CronV2 `oauth-refresh`: refreshes OAuth connections whose access tokens expire soon. */
let runtime: ReturnType<typeof composeAwsRelayed> | undefined;

export const handler = async () => {
  runtime ??= composeAwsRelayed();
  return (await runtime).runtime.oauthRefresher.refreshExpiring();
};
