import { parse } from "graphql";
import { CloseCode, MessageType } from "graphql-ws/client";
import { tenantOfTopic } from "../../domain/ports/event-bus.js";
import type { StoredSubscription } from "../../domain/ports/subscription-store.js";
import { TOKEN_EXPIRED, tokenExpired } from "../../domain/shared/caller.js";
import { closeSocket, maskedResult, type SocketDeps, socketContext } from "./socket-context.js";
import { deliverEvent } from "./subscription-runs.js";

/**
 * Delivers a published event to the WebSocket subscriptions of its topic, from whichever
 * function published it: each subscription's document runs again against the event (its
 * resolver re-checks who may see it), and the result is posted to its connection. A connection
 * API Gateway no longer holds (410) is forgotten with all its subscriptions; so is one whose
 * token has expired (or named no expiry), which is closed (4401) and sent nothing.
 */
export class SocketFanOut {
  constructor(private readonly deps: SocketDeps) {}

  async deliver(topic: string, event: unknown): Promise<void> {
    const subscriptions = await this.deps.store.forTopic(tenantOfTopic(topic), topic);
    const now = this.deps.clock.now();
    const expired = new Set(subscriptions.filter(({ caller }) => tokenExpired(caller, now)).map(({ connectionId }) => connectionId));
    await Promise.all([
      ...[...expired].map((connectionId) => this.closeExpired(connectionId)),
      ...subscriptions
        .filter(({ connectionId }) => !expired.has(connectionId))
        .map((subscription) => this.deliverTo(subscription, topic, event)),
    ]);
  }

  private async closeExpired(connectionId: string) {
    // Like a failed delivery, a failed close is not the other subscribers' (the next event tries again).
    await closeSocket(this.deps, connectionId, CloseCode.Unauthorized, TOKEN_EXPIRED).catch((error: Error) =>
      this.deps.logger.warn("websocket close failed", { connectionId, error: error.message }),
    );
  }

  private async deliverTo(subscription: StoredSubscription, topic: string, event: unknown) {
    const { connectionId, id, caller } = subscription;
    const context = socketContext(this.deps, caller, connectionId);
    try {
      const run = {
        document: parse(subscription.query),
        variables: subscription.variables,
        operationName: subscription.operationName,
        context,
      };
      const result = await deliverEvent(run, topic, event);
      if (!result) return;
      const sent = await this.deps.sockets.post(connectionId, {
        id,
        type: MessageType.Next,
        payload: maskedResult(context.logger, result),
      });
      if (sent === "gone") await this.deps.store.disconnect(connectionId);
    } catch (error) {
      // One subscriber's failure is not the others' (nor the publisher's).
      context.logger.warn("websocket delivery failed", { subscriptionId: id, error: (error as Error).message });
    }
  }
}
