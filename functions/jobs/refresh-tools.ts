import { composeAwsRelayed } from "../aws/compose-relayed.js";
import type { Runtime } from "../composition-root.js";
import { onceComposed } from "../warm-once.js";
import { scheduledTimeOf } from "./scheduled-event.js";

/** Refreshes every enabled server that keeps a tool cache and records calls abandoned mid-run, once per scheduled run. */
export const refreshTools = (runtime: Pick<Runtime, "scheduledRuns" | "refreshJob">, event: unknown) =>
  runtime.scheduledRuns.once("refresh-tools", scheduledTimeOf(event), () => runtime.refreshJob());

/** CronV2 `refresh-tools`. */
export const handler = onceComposed(
  () => composeAwsRelayed(),
  ({ runtime }, event: unknown) => refreshTools(runtime, event),
);
