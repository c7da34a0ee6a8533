import type { Connector } from "../connectors/connector.js";

/** Persistence of connectors. Slugs are unique per tenant (`create` fails with CONFLICT); writes are conditional on the version read. */
export interface ConnectorStore {
  get(tenantId: string, id: string): Promise<Connector | undefined>;
  list(tenantId: string): Promise<Connector[]>;
  create(connector: Connector): Promise<void>;
  update(next: Connector, previous: Connector): Promise<void>;
  delete(connector: Connector): Promise<void>;
}
