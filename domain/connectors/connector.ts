import type { Descriptor } from "./descriptor.js";

/**
 * A registered connector descriptor and, when its MCP config is enabled, the MCP server it
 * generates. `revision` counts changes of what the generated server does (operations,
 * authentication, mappings): the server and its cached instances follow it.
 */
export interface Connector {
  readonly tenantId: string;
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  /** The descriptor's own version (`metadata.version`), as its author wrote it. */
  readonly descriptorVersion: string;
  readonly description: string | null;
  /** The text as it was registered (YAML or JSON), shown back as is. */
  readonly descriptorText: string;
  readonly descriptor: Descriptor;
  readonly revision: number;
  /** The generated MCP server in the registry; null while MCP is not enabled. */
  readonly serverId: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-locking counter. */
  readonly version: number;
}

/** What a generated server does: its operations, authentication and mappings. A change of these is a new revision. */
export const behaviourOf = (descriptor: Descriptor) =>
  JSON.stringify([
    descriptor.operations,
    descriptor.authentication,
    descriptor.mcp_config.route_mappings,
    descriptor.rate_limits,
    descriptor.test_endpoint ?? null,
  ]);
