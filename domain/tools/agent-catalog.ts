import type { ConnectionService } from "../connections/connection-service.js";
import { resolveConnection } from "../connections/resolve-connection.js";
import type { Logger } from "../ports/logger.js";
import type { ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import { admits, agentFor } from "../servers/agent-access.js";
import { canSee } from "../servers/server-access.js";
import type { Caller } from "../shared/caller.js";
import { type ServerTools, usesCache } from "./server-tools.js";
import type { ToolRecord } from "./tool.js";
import { type ToolView, toolView } from "./tool-view.js";

export interface AgentCatalogDeps {
  serverStore: ServerStore;
  connections: ConnectionService;
  toolStore: ToolStore;
  serverTools: ServerTools;
  logger: Logger;
}

export interface CatalogEntry {
  server: McpServer;
  tool: ToolView;
}

/**
 * The tools an agent may use, for one caller. Reads a constant number of DynamoDB queries
 * whatever the number of servers: the tenant's servers, the caller's, the agent's and the
 * tenant's connections, and the tenant's tool records; live servers are asked in parallel.
 */
export class AgentCatalog {
  constructor(private readonly deps: AgentCatalogDeps) {}

  async agentTools(caller: Caller, agentIdArg?: string | null): Promise<{ tools: ToolView[]; deferredCount: number }> {
    const entries = await this.entries(caller, agentIdArg);
    const available = entries.filter(({ tool }) => tool.enabled);
    return {
      tools: available.filter(({ tool }) => !tool.deferred).map(({ tool }) => tool),
      deferredCount: available.filter(({ tool }) => tool.deferred).length,
    };
  }

  /** Enabled tools, deferred ones included, ranked by how well name, title and description match. */
  async searchTools(caller: Caller, query: string, agentIdArg?: string | null, limit = 10): Promise<ToolView[]> {
    const words = query
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const scored = (await this.entries(caller, agentIdArg))
      .filter(({ tool }) => tool.enabled)
      .map(({ tool }) => ({ tool, score: score(tool, words) }))
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score || a.tool.qualifiedName.localeCompare(b.tool.qualifiedName));
    return scored.slice(0, Math.min(Math.max(limit, 1), 50)).map(({ tool }) => tool);
  }

  /** Every present tool of every server this caller and agent may use, with its server. */
  async entries(caller: Caller, agentIdArg?: string | null): Promise<CatalogEntry[]> {
    const agentId = agentFor(caller, agentIdArg);
    const { tenantId } = caller;
    const [servers, candidatesOf, records] = await Promise.all([
      this.deps.serverStore.list(tenantId),
      this.deps.connections.candidatesAcrossServers(caller, agentId),
      this.deps.toolStore.listForTenant(tenantId),
    ]);
    const recordsOf = groupBy(records, (record) => record.serverId);

    const usable = servers.filter(
      (server) =>
        canSee(caller, server) &&
        server.isEnabled &&
        admits(server, agentId) &&
        resolveConnection(server, agentId, candidatesOf(server.id)).usable,
    );
    const perServer = await Promise.all(
      usable.map(async (server) => {
        const known = recordsOf.get(server.id) ?? [];
        const current = usesCache(server) ? known : await this.live(caller, server, known);
        return current.filter((record) => record.present).map((record) => ({ server, tool: toolView(server.slug, record) }));
      }),
    );
    return perServer.flat();
  }

  /** A live server that fails contributes no tools rather than failing the whole catalog. */
  private async live(caller: Caller, server: McpServer, known: ToolRecord[]): Promise<ToolRecord[]> {
    try {
      return await this.deps.serverTools.listLive(caller, server, known);
    } catch (error) {
      this.deps.logger.warn("tools unavailable", { serverId: server.id, error: (error as Error).message });
      return [];
    }
  }
}

function score(tool: ToolView, words: string[]): number {
  const name = tool.qualifiedName.toLowerCase();
  const title = (tool.title ?? "").toLowerCase();
  const description = (tool.description ?? "").toLowerCase();
  return words.reduce(
    (sum, word) => sum + (name.includes(word) ? 3 : 0) + (title.includes(word) ? 2 : 0) + (description.includes(word) ? 1 : 0),
    0,
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
