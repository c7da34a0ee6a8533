import { createSocketRuntime } from "../compose/socket-runtime.js";
import { loadConfig } from "../config.js";
import { awsInfrastructure } from "./infrastructure.js";
import { awsSockets, awsSubscriptionStore } from "./socket-parts.js";

/** The GraphQL-carrying functions on AWS (API, `$default`, delivery): a runtime that posts to WebSocket clients itself. */
export async function composeAwsSockets() {
  const infrastructure = await awsInfrastructure(loadConfig());
  return createSocketRuntime(infrastructure, { store: awsSubscriptionStore(infrastructure.dynamo), sockets: awsSockets() });
}
