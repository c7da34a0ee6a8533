import type { RelayedEvent } from "../../adapters/aws/lambda-event-relay.js";
import type { SocketFanOut } from "../../graphql/websocket/socket-fan-out.js";
import { composeAwsSockets } from "../aws/compose-sockets.js";
import { onceComposed } from "../warm-once.js";

/** Invoked (asynchronously) by functions that carry no GraphQL: delivers their event to its WebSocket subscribers. */
export const deliverHandler = (compose: () => Promise<{ fanOut: SocketFanOut }>) =>
  onceComposed(compose, async ({ fanOut }, { topic, event }: RelayedEvent) => {
    if (typeof topic !== "string") throw new Error("A relayed event names its topic");
    await fanOut.deliver(topic, event);
  });

export const handler = deliverHandler(composeAwsSockets);
