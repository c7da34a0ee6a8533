import { type EventRelay, RelayingEventBus } from "../../adapters/events/relaying-bus.js";
import { InMemoryEventBus } from "../../adapters/events/in-memory-bus.js";
import type { Infrastructure } from "../composition-root.js";

/** The infrastructure with a bus that also relays every event beyond this process. */
export const withRelay = (infrastructure: Infrastructure, relay: EventRelay): Infrastructure => ({
  ...infrastructure,
  bus: new RelayingEventBus(infrastructure.bus ?? new InMemoryEventBus(), relay, infrastructure.logger),
});
