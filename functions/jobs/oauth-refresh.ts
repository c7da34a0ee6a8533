import { composeAwsRelayed } from "../aws/compose-relayed.js";
import { onceComposed } from "../warm-once.js";

/** CronV2 `oauth-refresh`: refreshes OAuth connections whose access tokens expire soon. */
export const handler = onceComposed(
  () => composeAwsRelayed(),
  async ({ runtime }) => runtime.oauthRefresher.refreshExpiring(),
);
