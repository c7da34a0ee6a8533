import { systemClock } from "../../domain/ports/clock.js";
import type { SocketConnections } from "../../domain/ports/socket-connections.js";
import type { SubscriptionStore } from "../../domain/ports/subscription-store.js";
import { SocketFanOut } from "../../graphql/websocket/socket-fan-out.js";
import { SocketProtocol } from "../../graphql/websocket/socket-protocol.js";
import { createRuntime, type Infrastructure } from "../composition-root.js";
import { withRelay } from "./event-buses.js";

export interface SocketParts {
  store: SubscriptionStore;
  sockets: SocketConnections;
}

/**
 * A runtime for functions that run GraphQL and can reach WebSocket clients (the GraphQL API,
 * the `$default` route, the delivering function): what they publish is delivered to the
 * topic's WebSocket subscribers directly.
 */
export function createSocketRuntime(infrastructure: Infrastructure, parts: SocketParts) {
  // The fan-out runs subscriptions with the runtime's services, and the runtime publishes through it.
  const late: { fanOut?: SocketFanOut } = {};
  const relayed = withRelay(infrastructure, (topic, event) => late.fanOut?.deliver(topic, event) ?? Promise.resolve());
  const runtime = createRuntime(relayed);
  const deps = { ...parts, services: runtime.services, logger: infrastructure.logger, clock: infrastructure.clock ?? systemClock };
  const fanOut = (late.fanOut = new SocketFanOut(deps));
  return { runtime, infrastructure: relayed, fanOut, protocol: new SocketProtocol({ ...deps, authenticate: runtime.authenticate }) };
}
