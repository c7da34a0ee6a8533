import type { EventBus } from "../../domain/ports/event-bus.js";
import type { Logger } from "../../domain/ports/logger.js";

/** Where a published event goes beyond this process (API Gateway WebSocket subscribers, on AWS). */
export type EventRelay = (topic: string, event: unknown) => Promise<void>;

/**
 * A bus for processes that do not live long: subscribers in this process hear events at once
 * (an MCP call waiting for its approval), and every event is also relayed before `publish`
 * returns, since a Lambda is frozen once it answers. A failed relay is logged, not thrown: the
 * change it announces has already been stored.
 */
export class RelayingEventBus implements EventBus {
  constructor(
    private readonly local: EventBus,
    private readonly relay: EventRelay,
    private readonly logger: Logger,
  ) {}

  async publish(topic: string, event: unknown): Promise<void> {
    await this.local.publish(topic, event);
    await this.relay(topic, event).catch((error: Error) => this.logger.warn("event relay failed", { topic, error: error.message }));
  }

  subscribe<T>(topic: string, select: (event: unknown) => T | undefined, signal?: AbortSignal): AsyncIterable<T> {
    return this.local.subscribe(topic, select, signal);
  }
}
