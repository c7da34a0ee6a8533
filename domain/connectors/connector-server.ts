import type { McpServer } from "../servers/server.js";
import { slugFor } from "../servers/server-rules.js";
import type { Connector } from "./connector.js";
import { splitEndpoint } from "./openapi-export.js";

/**
 * The registry record of the MCP server a connector generates: named and described by its
 * mcp_config, at the API's origin, TOKEN when the descriptor declares authentication (the
 * credential fields come from connections). What admins set on it (enabled, featured, agent
 * access) survives descriptor updates; its slug never moves (agents' tool names keep working).
 */
export function generatedServerRecord(connector: Connector, now: string, existing?: McpServer): McpServer {
  const { descriptor } = connector;
  const name = descriptor.mcp_config.server_name!;
  const kept = existing ?? firstOf(connector, name, now);
  return {
    ...kept,
    tenantId: connector.tenantId,
    name,
    description: descriptor.mcp_config.server_description ?? null,
    url: `${splitEndpoint(descriptor.operations[0]!.endpoint).origin}/`,
    transport: "STREAMABLE_HTTP",
    authType: descriptor.authentication.length ? "TOKEN" : "NONE",
    visibility: "SHARED",
    ownerId: null,
    headers: [],
    authHeaderName: "Authorization",
    credential: null,
    oauthClientId: null,
    oauthClientSecret: null,
    oauthScopes: null,
    connector: { id: connector.id, revision: connector.revision },
    updatedAt: now,
    version: kept.version + (existing ? 1 : 0),
  };
}

/** What a generated server starts with; what admins later set (enabled, featured, agent access, caching) is kept from then on. */
const firstOf = (connector: Connector, name: string, now: string) => ({
  id: `cx-${connector.id}`.slice(0, 64),
  slug: slugFor(name, undefined),
  createdBy: connector.createdBy,
  isEnabled: true,
  isFeatured: false,
  agentAccess: null,
  toolsCacheEnabled: false,
  toolsCachedAt: null,
  status: "UNKNOWN" as const,
  lastError: null,
  lastValidatedAt: null,
  createdAt: now,
  version: 1,
});
