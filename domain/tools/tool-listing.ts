import type { Actor } from "../access/actor.js";
import type { Grant } from "../access/grant-rule.js";
import type { Grants } from "../access/grants.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { TextEmbedder } from "../ports/tool-index.js";
import type { ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import { withinBudget } from "../shared/time-budget.js";
import type { McpServer, SkippedTool } from "../servers/server.js";
import { sameJson } from "../shared/canonical-json.js";
import { UpstreamError } from "../shared/upstream-error.js";
import type { Upstream } from "../upstream/upstream-session.js";
import { DEFAULT_TOOL_BOUNDS, type ToolBounds } from "./listed-tool.js";
import { acceptListedTools } from "./listed-tools.js";
import { observeListing } from "./observe-listing.js";
import type { CatalogChanges } from "./catalog-changes.js";
import type { ToolRecord } from "./tool.js";
import { withEmbeddings } from "./tool-embeddings.js";
import { type ToolView, toolView } from "./tool-view.js";

export interface ToolListingDeps {
  toolStore: ToolStore;
  grants: Grants;
  upstream: Upstream;
  clock: Clock;
  logger: Logger;
  /** A cloud embedding model, when semantic search by a provider is configured: tools get vectors when seen. */
  embedder?: TextEmbedder;
  changes?: CatalogChanges;
  /** How long a listing waits for a live server before showing the tools last seen (default 3 s). */
  liveBudgetMs?: number;
  /** Where a server that ran out of time is marked, and the tools a server listed but could not be used are named (its status says so). */
  states?: Pick<ServerStore, "recordState">;
  /** How much of each tool is kept (TOOL_DESCRIPTION_MAX_BYTES, TOOL_SCHEMA_MAX_BYTES). */
  bounds?: ToolBounds;
}

/** Whether a server's tools are read from the cache: it is on, and has been filled. */
export const usesCache = (server: McpServer) => server.toolsCacheEnabled && server.toolsCachedAt !== null;

/** A server's tools as they are now: from the cache, or live from the server (recording what changed). */
export class ToolListing {
  constructor(private readonly deps: ToolListingDeps) {}

  /**
   * `McpServer.tools`: from the cache when it is on and filled, else live with the actor's
   * credential. A server that cannot be reached shows the tools last seen, so one bad server
   * never blanks a whole listing; validateMcpServer says what is wrong with it.
   */
  async list(actor: Actor, server: McpServer): Promise<ToolView[]> {
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    let records: readonly ToolRecord[] = known;
    if (!usesCache(server)) {
      try {
        records = await this.listInTime(actor, await this.deps.grants.forServer(actor, server), known);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
      }
    }
    return records.filter((record) => record.present).map((record) => toolView(server.slug, record));
  }

  /**
   * Lists live within the budget; a server that takes longer contributes the tools last seen, and
   * its status says so (ERROR, with why), so one slow server never holds up a whole listing.
   */
  async listInTime(actor: Actor, grant: Grant, known: readonly ToolRecord[]): Promise<readonly ToolRecord[]> {
    const budgetMs = this.deps.liveBudgetMs ?? 3000;
    const outcome = await withinBudget(this.listLive(actor, grant, known), budgetMs);
    if (outcome.done) return outcome.value;
    const lastError = `Did not list its tools within ${budgetMs} ms: showing the tools last seen`;
    // Said once: while the server stays late, each listing would otherwise write (and expire every warm copy of the tenant).
    const { server } = grant;
    if (server.status !== "ERROR" || server.lastError !== lastError)
      await this.deps.states?.recordState(server.tenantId, server.id, { status: "ERROR", lastError });
    return known;
  }

  /**
   * Lists the server's tools with the grant's credential, each judged on its own (the unusable
   * ones are named in its status), and records what changed since `known`.
   */
  async listLive(actor: Actor, grant: Grant, known: readonly ToolRecord[]): Promise<ToolRecord[]> {
    const listed = await this.deps.upstream.session(actor, grant).listTools();
    const { tools, skipped } = acceptListedTools(grant.server.slug, listed, this.deps.bounds ?? DEFAULT_TOOL_BOUNDS);
    await this.noteSkipped(grant.server, skipped);
    const observed = await observeListing(grant.server, known, tools, this.deps.clock.now().toISOString());
    const { records, embedded } = await withEmbeddings(this.deps.embedder, grant.server, observed.records, this.deps.logger);
    // Written when anything changed, or gained a vector: the server's tools are stored as one snapshot.
    if (observed.changed.length + embedded.length > 0)
      await this.deps.toolStore.saveObservations(grant.server.tenantId, grant.server.id, records);
    if (observed.changed.length > 0) await this.deps.changes?.announce(grant.server.tenantId);
    return records;
  }

  /** Written when it differs from what the server's status says: most listings skip what the last one did. */
  private async noteSkipped(server: McpServer, skipped: SkippedTool[]): Promise<void> {
    if (!sameJson(skipped, server.skippedTools ?? []))
      await this.deps.states?.recordState(server.tenantId, server.id, { skippedTools: skipped });
  }
}
