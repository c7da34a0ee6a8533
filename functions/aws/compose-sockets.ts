import { createSocketRuntime } from "../compose/socket-runtime.js";
import { loadConfig } from "../config.js";
import { awsInfrastructure } from "./infrastructure.js";
import { awsServerChecks, awsSockets, awsSubscriptionStore } from "./socket-parts.js";

/** The GraphQL-carrying functions on AWS (API, `$default`, delivery): a runtime that posts to WebSocket clients itself. */
export async function composeAwsSockets() {
  const base = await awsInfrastructure(loadConfig());
  // Servers are created and changed through GraphQL: their checks go to the checking function.
  const infrastructure = { ...base, serverChecks: awsServerChecks() };
  return createSocketRuntime(infrastructure, { store: awsSubscriptionStore(infrastructure.dynamo), sockets: awsSockets() });
}
