import { createRuntime } from "../composition-root.js";
import { withRelay } from "../compose/event-buses.js";
import { loadConfig } from "../config.js";
import { awsInfrastructure } from "./infrastructure.js";
import { awsRelay, awsSubscriptionStore } from "./socket-parts.js";

/** The functions that carry no GraphQL (MCP endpoint, jobs, public routes): events for WebSocket subscribers are relayed. */
export async function composeAwsRelayed(publicUrl?: string) {
  const base = await awsInfrastructure(loadConfig(), publicUrl);
  const infrastructure = withRelay(base, awsRelay(awsSubscriptionStore(base.dynamo)));
  return { runtime: createRuntime(infrastructure), infrastructure };
}
