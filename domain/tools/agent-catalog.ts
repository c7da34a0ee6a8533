import type { Actor } from "../access/actor.js";
import type { Grant } from "../access/grant-rule.js";
import type { Grants } from "../access/grants.js";
import type { Logger } from "../ports/logger.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import type { ToolRecord } from "./tool.js";
import { type ToolListing, usesCache } from "./tool-listing.js";
import { type ToolView, toolView } from "./tool-view.js";

export interface AgentCatalogDeps {
  grants: Grants;
  toolStore: ToolStore;
  listing: ToolListing;
  logger: Logger;
}

export interface CatalogEntry {
  server: McpServer;
  tool: ToolView;
}

/**
 * The tools an actor (a user, and the agent it acts for) may use. Reads a constant number of
 * DynamoDB queries whatever the number of servers: the grants (the tenant's servers, the
 * user's, the agent's and the tenant's connections) and the tenant's tool records; live
 * servers are asked in parallel.
 */
export class AgentCatalog {
  constructor(private readonly deps: AgentCatalogDeps) {}

  async agentTools(actor: Actor): Promise<{ tools: ToolView[]; deferredCount: number }> {
    const available = (await this.entries(actor)).filter(({ tool }) => tool.enabled);
    return {
      tools: available.filter(({ tool }) => !tool.deferred).map(({ tool }) => tool),
      deferredCount: available.filter(({ tool }) => tool.deferred).length,
    };
  }

  /** Enabled tools, deferred ones included, ranked by how well name, title and description match. */
  async searchTools(actor: Actor, query: string, limit = 10): Promise<ToolView[]> {
    const words = query
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const scored = (await this.entries(actor))
      .filter(({ tool }) => tool.enabled)
      .map(({ tool }) => ({ tool, score: score(tool, words) }))
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score || a.tool.qualifiedName.localeCompare(b.tool.qualifiedName));
    return scored.slice(0, Math.min(Math.max(limit, 1), 50)).map(({ tool }) => tool);
  }

  /** Every present tool of every server the actor may use, with its server. */
  async entries(actor: Actor): Promise<CatalogEntry[]> {
    const [grants, records] = await Promise.all([this.deps.grants.all(actor), this.deps.toolStore.listForTenant(actor.tenantId)]);
    const recordsOf = groupBy(records, (record) => record.serverId);
    const perServer = await Promise.all(
      grants
        .filter(({ denial }) => denial === null)
        .map(async (grant) => {
          const known = recordsOf.get(grant.server.id) ?? [];
          const current = usesCache(grant.server) ? known : await this.live(actor, grant, known);
          return current
            .filter((record) => record.present)
            .map((record) => ({ server: grant.server, tool: toolView(grant.server.slug, record) }));
        }),
    );
    return perServer.flat();
  }

  /** A live server that fails contributes no tools rather than failing the whole catalog. */
  private async live(actor: Actor, grant: Grant, known: ToolRecord[]): Promise<ToolRecord[]> {
    try {
      return await this.deps.listing.listLive(actor, grant, known);
    } catch (error) {
      this.deps.logger.warn("tools unavailable", { serverId: grant.server.id, error: (error as Error).message });
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
