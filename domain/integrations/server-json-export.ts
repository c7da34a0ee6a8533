import type { McpServer } from "../servers/server.js";
import { templatedUrl } from "../servers/url-query.js";
import { type RegistryServerList, SERVER_JSON_SCHEMA_URL } from "./server-json-schema.js";

/** The MCP Registry API's view of servers (`GET /v0.1/servers`): one page holding all of them. */
export function registryServerList(servers: readonly McpServer[]): RegistryServerList {
  return {
    servers: servers.map((server) => ({
      server: serverJsonOf(server),
      _meta: {
        "io.modelcontextprotocol.registry/official": {
          status: "active",
          publishedAt: server.createdAt,
          updatedAt: server.updatedAt,
          isLatest: true,
        },
      },
    })),
    metadata: { count: servers.length },
  };
}

/**
 * A registered server as server.json. Its name is reverse-DNS from its URL's host plus its slug;
 * its version is the record's revision. Secrets never appear: a TOKEN server's auth header, and
 * each value of its URL's query, are declared as secrets the client must supply.
 */
export function serverJsonOf(server: McpServer): Record<string, unknown> {
  const description = (server.description ?? server.name).slice(0, 100);
  const remote = remoteOf(server);
  return {
    $schema: SERVER_JSON_SCHEMA_URL,
    name: `${namespaceOf(server.url)}/${server.slug}`,
    title: server.name.slice(0, 100),
    description,
    version: String(server.version),
    ...(remote ? { remotes: [remote] } : {}),
  };
}

/** Registry remotes are streamable-http or sse; a WebSocket server has no registry form. */
function remoteOf(server: McpServer): Record<string, unknown> | undefined {
  if (server.transport === "WEBSOCKET") return undefined;
  const headers =
    server.authType === "TOKEN"
      ? [{ name: server.authHeaderName, description: "The server's credential", isRequired: true, isSecret: true }]
      : [];
  // Query values are secrets: the client supplies its own.
  const { url, variables } = templatedUrl(server.url);
  const secret = { description: "A value of the server URL's query", isRequired: true, isSecret: true };
  return {
    type: server.transport === "SSE" ? "sse" : "streamable-http",
    url,
    ...(headers.length ? { headers } : {}),
    ...(variables.length ? { variables: Object.fromEntries(variables.map((name) => [name, secret])) } : {}),
  };
}

/** `https://mcp.example.com/x` -> `com.example.mcp`; characters the name pattern refuses become dashes. */
function namespaceOf(url: string): string {
  const host = URL.canParse(url) ? new URL(url).hostname : "unknown";
  const reversed = host
    .split(".")
    .reverse()
    .join(".")
    .replace(/[^a-zA-Z0-9.-]/g, "-");
  return reversed || "unknown";
}
