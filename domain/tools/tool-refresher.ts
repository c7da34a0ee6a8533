import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { ServerStore } from "../ports/server-store.js";
import type { McpServer } from "../servers/server.js";
import { platformActor } from "../access/actor.js";
import { forEachLimited } from "../shared/concurrency.js";
import { withinBudget } from "../shared/time-budget.js";
import type { ServerHealth } from "./server-health.js";

export interface ToolRefresherDeps {
  serverStore: ServerStore;
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
    await forEachLimited(due, this.deps.concurrency ?? 8, async (server) => {
      const outcome = await this.refresh(server);
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

  private async refresh(server: McpServer): Promise<"refreshed" | "failed" | "skipped"> {
    // The index is eventually consistent; the item itself is the truth.
    if (!server.isEnabled || !server.toolsCacheEnabled) return "skipped";
    // Per-user credentials: there is no platform credential to list them with.
    if (server.authType === "OAUTH2" || server.authType === "JWT_PASSTHROUGH") return "skipped";
    const timeoutMs = this.deps.perServerTimeoutMs ?? 60_000;
    try {
      const outcome = await withinBudget(this.deps.health.check(platformActor(server, "refresh-tools"), server, true), timeoutMs);
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
