import { createPubSub, filter, map, pipe } from "@graphql-yoga/subscription";
import type { EventBus } from "../../domain/ports/event-bus.js";

/**
 * Events inside one process (the local server, and tests), on graphql-yoga's pub/sub: each
 * subscription has its own queue, never blocks a publisher, and ends at once when its consumer
 * stops or its signal aborts, not at the next event.
 */
export class InMemoryEventBus implements EventBus {
  private readonly pubsub = createPubSub<Record<string, [event: unknown]>>();

  async publish(topic: string, event: unknown): Promise<void> {
    this.pubsub.publish(topic, event);
  }

  subscribe<T>(topic: string, select: (event: unknown) => T | undefined, signal?: AbortSignal): AsyncIterable<T> {
    const events = this.pubsub.subscribe(topic);
    const selected = pipe(
      events,
      map(select),
      filter((event): event is T => event !== undefined),
    );
    signal?.addEventListener("abort", () => void selected.return?.(), { once: true });
    return selected;
  }
}
