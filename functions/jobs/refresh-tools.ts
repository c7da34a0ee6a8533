import { composeAwsRelayed } from "../aws/compose-relayed.js";
import { onceComposed } from "../warm-once.js";

/** CronV2 `refresh-tools`: refreshes every enabled server that keeps a tool cache, and records calls abandoned mid-run. */
export const handler = onceComposed(
  () => composeAwsRelayed(),
  async ({ runtime }) => runtime.refreshJob(),
);
