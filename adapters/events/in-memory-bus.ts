import type { EventBus } from "../../domain/ports/event-bus.js";

type Listener = (event: unknown) => void;

/**
 * Events inside one process: the local server, and tests. Each subscription has its own queue,
 * ends when its consumer stops or its signal aborts, and never blocks a publisher.
 */
export class InMemoryEventBus implements EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  async publish(topic: string, event: unknown): Promise<void> {
    for (const listener of this.listeners.get(topic) ?? []) listener(event);
  }

  subscribe(topic: string, signal?: AbortSignal): AsyncIterable<unknown> {
    const queue: unknown[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const listener: Listener = (event) => {
      queue.push(event);
      wake?.();
    };
    const stop = () => {
      done = true;
      this.listeners.get(topic)?.delete(listener);
      wake?.();
    };
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(listener);
    signal?.addEventListener("abort", stop, { once: true });

    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<unknown>> => {
          while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
          if (queue.length > 0) return { value: queue.shift(), done: false };
          return { value: undefined, done: true };
        },
        return: async (): Promise<IteratorResult<unknown>> => {
          stop();
          return { value: undefined, done: true };
        },
      }),
    };
  }

  /** Subscriptions open now, per topic (tests check that they are released). */
  subscriberCount(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
