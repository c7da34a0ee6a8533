import { describe, expect, it } from "vitest";
import { InMemoryEventBus } from "../../../adapters/events/in-memory-bus.js";
import { RelayingEventBus } from "../../../adapters/events/relaying-bus.js";
import { createJsonLogger } from "../../../adapters/logging/json-logger.js";

describe("RelayingEventBus", () => {
  it("hands events to this process's subscribers and relays each before publish returns", async () => {
    const relayed: Array<[string, unknown]> = [];
    const bus = new RelayingEventBus(
      new InMemoryEventBus(),
      async (topic, event) => void relayed.push([topic, event]),
      createJsonLogger({ level: "error" }),
    );
    const heard = bus.subscribe("approvals/acme/carol", (event) => event as { id: string })[Symbol.asyncIterator]();
    const next = heard.next();
    await bus.publish("approvals/acme/carol", { id: "call-1" });
    expect(relayed).toEqual([["approvals/acme/carol", { id: "call-1" }]]);
    expect((await next).value).toEqual({ id: "call-1" });
    await heard.return?.();
  });

  it("logs a failed relay instead of failing the change that was already stored", async () => {
    const lines: string[] = [];
    const bus = new RelayingEventBus(
      new InMemoryEventBus(),
      async () => {
        throw new Error("Rate exceeded");
      },
      createJsonLogger({ level: "warn", write: (line) => lines.push(line) }),
    );
    await expect(bus.publish("tool-call/acme/1", { id: "1" })).resolves.toBeUndefined();
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ message: "event relay failed", topic: "tool-call/acme/1", error: "Rate exceeded" }),
    ]);
  });
});
