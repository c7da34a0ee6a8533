import type { SubscriptionStore } from "../../domain/ports/subscription-store.js";
import { awsSubscriptionStore } from "../aws/socket-parts.js";
import type { SocketEvent, SocketResult } from "./socket-event.js";
import { onceComposed } from "../warm-once.js";

/** `$disconnect`: forgets the connection and its subscriptions (TTL catches the rare disconnect API Gateway never reports). */
export const disconnectHandler = (store: () => Promise<Pick<SubscriptionStore, "disconnect">>) =>
  onceComposed(store, async (subscriptions, event: SocketEvent): Promise<SocketResult> => {
    await subscriptions.disconnect(event.requestContext.connectionId);
    return { statusCode: 200 };
  });

export const handler = disconnectHandler(async () => awsSubscriptionStore());
