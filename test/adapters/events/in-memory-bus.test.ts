import { describe, expect, it } from "vitest";
import { InMemoryEventBus } from "../../../adapters/events/in-memory-bus.js";

const even = (event: unknown) => (typeof event === "number" && event % 2 === 0 ? `#${event}` : undefined);

describe("InMemoryEventBus", () => {
  // Like any graphql-yoga pub/sub stream, a subscription starts listening when it is first read.
  it("delivers what select keeps, as select turns it, to every subscriber of the topic only", async () => {
    const bus = new InMemoryEventBus();
    const first = bus.subscribe("t", even)[Symbol.asyncIterator]();
    const second = bus.subscribe("t", even)[Symbol.asyncIterator]();
    const other = bus.subscribe("other", even)[Symbol.asyncIterator]();
    const [firstRead, secondRead, otherRead] = [first.next(), second.next(), other.next()];
    for (const event of [1, 2, 3, 4]) await bus.publish("t", event);
    expect([(await firstRead).value, (await first.next()).value]).toEqual(["#2", "#4"]);
    expect((await secondRead).value).toBe("#2");
    await bus.publish("other", 6);
    expect((await otherRead).value).toBe("#6");
    await Promise.all([first.return?.(), second.return?.(), other.return?.()]);
  });

  it("ends a waiting subscriber at once when its signal aborts, not at the next event", async () => {
    const bus = new InMemoryEventBus();
    const abort = new AbortController();
    const waiting = bus.subscribe("t", even, abort.signal)[Symbol.asyncIterator]().next();
    abort.abort();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it("ends a waiting subscriber when its consumer stops, and sends it nothing after", async () => {
    const bus = new InMemoryEventBus();
    const iterator = bus.subscribe("t", even)[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await iterator.return?.();
    expect(await waiting).toMatchObject({ done: true });
    await bus.publish("t", 2);
    expect(await iterator.next()).toMatchObject({ done: true });
  });
});
