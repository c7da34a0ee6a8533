import { composeAwsJobs } from "../aws/compose-aws.js";

/** CronV2 `refresh-tools`: refreshes every enabled server that keeps a tool cache. */
let runtime: ReturnType<typeof composeAwsJobs> | undefined;

export const handler = async () => {
  runtime ??= composeAwsJobs();
  return (await runtime).refresher.refreshAll();
};
