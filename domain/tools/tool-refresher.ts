import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { ServerStore } from "../ports/server-store.js";
import type { McpServer } from "../servers/server.js";
import type { ToolRecord } from "./tool.js";
import { platformActor } from "../access/actor.js";
import { forEachLimited } from "../shared/concurrency.js";
import { withinBudget } from "../shared/time-budget.js";
import type { Grants } from "../access/grants.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { ServerHealth, ServerReads } from "./server-health.js";

export interface ToolRefresherDeps {
  serverStore: ServerStore;
  grants: Grants;
  toolStore: ToolStore;
  clock: Clock;
  health: ServerHealth;
  logger: Logger;
  /** Servers refreshed at once. */
  concurrency?: number;
  /** A server slower than this is marked ERROR and left behind. */
  perServerTimeoutMs?: number;
}

export interface RefreshReport {
  due: number;
  refreshed: number;
  failed: number;
  skipped: number;
}

/**
 * Keeps tool caches fresh: the scheduled `refresh-tools` job, and a server's own
 * `tools/list_changed` announcement. Each server is refreshed with the credential the platform
 * itself may use (its platform connection or its own; a private server's owner's), and one
 * failing or hanging server marks only itself. Two runs at once only write the same facts twice.
 */
export class ToolRefresher {
  constructor(private readonly deps: ToolRefresherDeps) {}

  async refreshAll(): Promise<RefreshReport> {
    const due = await this.deps.serverStore.listDueForToolRefresh();
    const report: RefreshReport = { due: due.length, refreshed: 0, failed: 0, skipped: 0 };
    const tenants = new Map<string, Promise<Map<string, ServerReads>>>();
    const readsOf = (server: McpServer) => {
      if (!tenants.has(server.tenantId)) tenants.set(server.tenantId, this.tenantReads(server));
      return tenants.get(server.tenantId)!;
    };
    await forEachLimited(due, this.deps.concurrency ?? 8, async (server) => {
      const outcome = await this.refresh(server, readsOf);
      report[outcome] += 1;
    });
    this.deps.logger.info("refresh-tools finished", { ...report });
    return report;
  }

  /** For `notifications/tools/list_changed`: refresh that server's cache now, if it keeps one. */
  async refreshServer(tenantId: string, serverId: string): Promise<void> {
    const server = await this.deps.serverStore.get(tenantId, serverId);
    if (server?.isEnabled && server.toolsCacheEnabled) await this.refresh(server);
  }

  /**
   * A tenant's shared servers as the platform sees them, and all its tools: read once per run
   * (two queries) instead of once per server. A private server is read on its own, as its owner.
   */
  private async tenantReads(any: McpServer): Promise<Map<string, ServerReads>> {
    const actor = platformActor({ ...any, visibility: "SHARED" }, "refresh-tools");
    const [grants, records] = await Promise.all([this.deps.grants.all(actor), this.deps.toolStore.listForTenant(any.tenantId)]);
    const reads = new Map(grants.map((grant) => [grant.server.id, { grant, known: [] as ToolRecord[] }]));
    for (const record of records) reads.get(record.serverId)?.known.push(record);
    return reads;
  }

  private async refresh(
    server: McpServer,
    readsOf?: (server: McpServer) => Promise<Map<string, ServerReads>>,
  ): Promise<"refreshed" | "failed" | "skipped"> {
    // The index is eventually consistent; the item itself is the truth.
    if (!server.isEnabled || !server.toolsCacheEnabled) return "skipped";
    // Per-user credentials: there is no platform credential to list them with.
    if (server.authType === "OAUTH2" || server.authType === "JWT_PASSTHROUGH") return "skipped";
    const timeoutMs = this.deps.perServerTimeoutMs ?? 60_000;
    try {
      const actor = platformActor(server, "refresh-tools");
      const read = actor.platform && readsOf ? (await readsOf(server)).get(server.id) : undefined;
      const outcome = await withinBudget(this.deps.health.check(actor, server, true, read), timeoutMs);
      if (!outcome.done) {
        const lastValidatedAt = this.deps.clock.now().toISOString();
        await this.deps.serverStore.recordState(server.tenantId, server.id, {
          status: "ERROR",
          lastError: "The server did not answer in time.",
          lastValidatedAt,
        });
        return "failed";
      }
      return outcome.value ? "refreshed" : "failed";
    } catch (error) {
      this.deps.logger.error("refresh-tools failed for a server", {
        tenant: server.tenantId,
        serverId: server.id,
        error: (error as Error).message,
      });
      return "failed";
    }
  }
}
