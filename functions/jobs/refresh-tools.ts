import { composeAwsRelayed } from "../aws/compose-relayed.js";

/** CronV2 `refresh-tools`: refreshes every enabled server that keeps a tool cache. */
let runtime: ReturnType<typeof composeAwsRelayed> | undefined;

export const handler = async () => {
  runtime ??= composeAwsRelayed();
  return (await runtime).runtime.refresher.refreshAll();
};
