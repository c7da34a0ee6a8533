import { composeAwsRelayed } from "../aws/compose-relayed.js";
import type { Runtime } from "../composition-root.js";
import { onceComposed } from "../warm-once.js";
import { scheduledTimeOf } from "./scheduled-event.js";

/** Refreshes OAuth connections whose access tokens expire soon, once per scheduled run. */
export const refreshOAuth = (runtime: Pick<Runtime, "scheduledRuns" | "oauthRefresher">, event: unknown) =>
  runtime.scheduledRuns.once("oauth-refresh", scheduledTimeOf(event), () => runtime.oauthRefresher.refreshExpiring());

/** CronV2 `oauth-refresh`. */
export const handler = onceComposed(
  () => composeAwsRelayed(),
  ({ runtime }, event: unknown) => refreshOAuth(runtime, event),
);
