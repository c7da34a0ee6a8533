import type { SocketProtocol } from "../../graphql/websocket/socket-protocol.js";
import { composeAwsSockets } from "../aws/compose-sockets.js";
import { bodyOf, type SocketEvent, type SocketResult } from "./socket-event.js";
import { onceComposed } from "../warm-once.js";

/** `$default`: one graphql-transport-ws message; answers go back through the management API. */
export const messageHandler = (compose: () => Promise<{ protocol: SocketProtocol }>) =>
  onceComposed(compose, async ({ protocol }, event: SocketEvent): Promise<SocketResult> => {
    await protocol.message(event.requestContext.connectionId, bodyOf(event));
    return { statusCode: 200 };
  });

export const handler = messageHandler(composeAwsSockets);
