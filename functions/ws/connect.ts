// graphql-ws's common module (its main one brings graphql-js along, which this handler does not need).
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from "graphql-ws/client";
import type { SubscriptionStore } from "../../domain/ports/subscription-store.js";
import { awsSubscriptionStore } from "../aws/socket-parts.js";
import type { SocketEvent, SocketResult } from "./socket-event.js";
import { onceComposed } from "../warm-once.js";

/**
 * `$connect`: accepts a client speaking graphql-transport-ws (the answer must name the
 * subprotocol or browsers drop the socket) and records the connection, not yet authenticated:
 * browsers cannot send an Authorization header on a WebSocket, so the token comes in
 * `connection_init`.
 */
export const connectHandler = (store: () => Promise<Pick<SubscriptionStore, "connect">>) =>
  onceComposed(store, async (subscriptions, event: SocketEvent): Promise<SocketResult> => {
    const requested = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === "sec-websocket-protocol")?.[1] ?? "";
    const offered = requested.split(",").map((protocol) => protocol.trim());
    const protocol = offered.includes(GRAPHQL_TRANSPORT_WS_PROTOCOL) ? GRAPHQL_TRANSPORT_WS_PROTOCOL : undefined;
    if (!protocol) return { statusCode: 400, body: "Speak the graphql-transport-ws subprotocol" };
    const { connectionId, connectedAt } = event.requestContext;
    await subscriptions.connect(connectionId, new Date(connectedAt).toISOString());
    return { statusCode: 200, headers: { "Sec-WebSocket-Protocol": protocol } };
  });

export const handler = connectHandler(async () => awsSubscriptionStore());
