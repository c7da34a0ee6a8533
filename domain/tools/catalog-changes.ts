import { type EventBus, topics } from "../ports/event-bus.js";

/**
 * "A tenant's tools may have changed": a server was added, changed or removed, a tool's
 * settings changed, or a server listed different tools. Clients of the MCP endpoint hear it
 * (notifications/tools/list_changed) and list again; what they then see is filtered for them.
 */
export class CatalogChanges {
  constructor(private readonly bus: EventBus) {}

  announce(tenantId: string): Promise<void> {
    return this.bus.publish(topics.catalog(tenantId), { tenantId });
  }

  /** The tenant's changes from now on, until `signal` aborts. */
  changes(tenantId: string, signal?: AbortSignal): AsyncIterable<true> {
    return this.bus.subscribe(
      topics.catalog(tenantId),
      (event) => ((event as { tenantId?: string }).tenantId === tenantId ? true : undefined),
      signal,
    );
  }
}
