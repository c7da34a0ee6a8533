import type { Actor } from "../access/actor.js";
import type { Grant } from "../access/grant-rule.js";
import type { Grants } from "../access/grants.js";
import type { Logger } from "../ports/logger.js";
import type { ToolIndex } from "../ports/tool-index.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import type { ToolRecord } from "./tool.js";
import { searchRequest } from "./search-request.js";
import { toolCorpus } from "./tool-corpus.js";
import { type ToolListing, usesCache } from "./tool-listing.js";
import { type ToolView, toolView } from "./tool-view.js";

export interface AgentCatalogDeps {
  grants: Grants;
  toolStore: ToolStore;
  listing: ToolListing;
  index: ToolIndex;
  logger: Logger;
}

export interface CatalogEntry {
  server: McpServer;
  tool: ToolView;
}

/**
 * The tools an actor (a user, and the agent it acts for) may use, and search over them. Reads a
 * constant number of DynamoDB queries whatever the number of servers: the grants (the tenant's
 * servers, the user's, the agent's and the tenant's connections) and the tenant's tool records;
 * live servers are asked in parallel.
 */
export class AgentCatalog {
  constructor(private readonly deps: AgentCatalogDeps) {}

  async agentTools(actor: Actor): Promise<{ tools: ToolView[]; deferredCount: number }> {
    const available = (await this.current(actor)).entries.filter(({ tool }) => tool.enabled);
    return {
      tools: available.filter(({ tool }) => !tool.deferred).map(({ tool }) => tool),
      deferredCount: available.filter(({ tool }) => tool.deferred).length,
    };
  }

  /** Enabled tools the actor may use, deferred ones included (or only those), ranked by what the query means. */
  async searchTools(actor: Actor, query: string, limit?: number, options: { onlyDeferred?: boolean } = {}): Promise<ToolView[]> {
    const request = searchRequest(query, limit);
    const { entries, servers } = await this.current(actor);
    const corpus = await toolCorpus(actor.tenantId, servers);
    const wanted = ({ tool }: CatalogEntry) => tool.enabled && (!options.onlyDeferred || tool.deferred);
    const usable = new Map(entries.filter(wanted).map(({ tool }) => [tool.qualifiedName, tool]));
    const hits = await this.deps.index.search(corpus, request.query, { allowed: (key) => usable.has(key), limit: request.limit });
    return hits.map((hit) => usable.get(hit.key)!);
  }

  /** Every present tool of every server the actor may use, with its server. */
  async entries(actor: Actor): Promise<CatalogEntry[]> {
    return (await this.current(actor)).entries;
  }

  /**
   * The actor's entries, and every server of the tenant with its records (search indexes every
   * tool of the tenant once, and filters to the actor's at query time). Servers the actor may use
   * are read live unless cached; the others as last seen.
   */
  private async current(actor: Actor): Promise<{ entries: CatalogEntry[]; servers: Array<{ server: McpServer; records: ToolRecord[] }> }> {
    const [grants, records] = await Promise.all([this.deps.grants.all(actor), this.deps.toolStore.listForTenant(actor.tenantId)]);
    const recordsOf = groupBy(records, (record) => record.serverId);
    const current = await Promise.all(
      grants.map(async (grant) => {
        const known = recordsOf.get(grant.server.id) ?? [];
        const live = grant.denial === null && !usesCache(grant.server);
        return { grant, server: grant.server, records: live ? await this.live(actor, grant, known) : known };
      }),
    );
    const entries = current
      .filter(({ grant }) => grant.denial === null)
      .flatMap(({ server, records: serverRecords }) =>
        serverRecords.filter((record) => record.present).map((record) => ({ server, tool: toolView(server.slug, record) })),
      );
    return { entries, servers: current };
  }

  /** A live server that fails contributes no tools rather than failing the whole catalog; one that is late, the tools last seen. */
  private async live(actor: Actor, grant: Grant, known: ToolRecord[]): Promise<ToolRecord[]> {
    try {
      return [...(await this.deps.listing.listInTime(actor, grant, known))];
    } catch (error) {
      this.deps.logger.warn("tools unavailable", { serverId: grant.server.id, error: (error as Error).message });
      return [];
    }
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
