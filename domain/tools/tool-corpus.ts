import type { SearchableTool, ToolCorpus } from "../ports/tool-index.js";
import type { McpServer } from "../servers/server.js";
import { qualifiedName } from "./qualified-name.js";
import type { ToolRecord } from "./tool.js";

/** What search indexes of a tool record: its words, its server's, and a cloud embedding if one was stored. */
export function searchableTool(server: McpServer, record: ToolRecord): SearchableTool {
  const definition = record.definition;
  return {
    key: qualifiedName(server.slug, record.name),
    serverId: server.id,
    serverName: server.name,
    serverDescription: server.description,
    name: record.name,
    title: definition?.title ?? null,
    description: definition?.description ?? null,
    inputSchema: definition?.inputSchema ?? { type: "object" },
    embedding: record.embedding ?? null,
  };
}

/**
 * A tenant's present tools as one corpus. Its version is a digest of every tool's identity and
 * definition fingerprint and every server's searchable words, so an index is rebuilt exactly
 * when something it indexes changed.
 */
export async function toolCorpus(
  tenantId: string,
  servers: ReadonlyArray<{ server: McpServer; records: readonly ToolRecord[] }>,
): Promise<ToolCorpus> {
  const present = servers.flatMap(({ server, records }) =>
    records.filter((record) => record.present).map((record) => ({ server, record })),
  );
  const identity = present.map(({ server, record }) =>
    [server.id, server.slug, server.name, server.description, record.name, record.fingerprint, record.embedding ? 1 : 0].join("\u0000"),
  );
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(identity.join("\u0001")));
  return {
    tenantId,
    version: Array.from(new Uint8Array(digest).subarray(0, 12), (byte) => byte.toString(16).padStart(2, "0")).join(""),
    tools: present.map(({ server, record }) => searchableTool(server, record)),
  };
}
