import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { Logger } from "../ports/logger.js";
import type { ServerStore } from "../ports/server-store.js";
import { forEachLimited } from "../shared/concurrency.js";
import type { OAuthTokenRefresh } from "./oauth-token-refresh.js";

export interface OAuthRefresherDeps {
  connectionStore: ConnectionStore;
  serverStore: ServerStore;
  tokens: Pick<OAuthTokenRefresh, "refresh">;
  clock: Clock;
  logger: Logger;
  /** Refresh tokens that expire within this. */
  horizonMs?: number;
  concurrency?: number;
}

/**
 * The `oauth-refresh` job: refreshes OAuth connections whose access tokens expire soon, found
 * through a sparse index, a few at a time. Each refresh takes the connection's lease, so a job
 * racing a user's request still asks the token endpoint once.
 */
export class OAuthRefresher {
  constructor(private readonly deps: OAuthRefresherDeps) {}

  async refreshExpiring(): Promise<{ due: number; refreshed: number; failed: number }> {
    const before = new Date(this.deps.clock.now().getTime() + (this.deps.horizonMs ?? 5 * 60_000)).toISOString();
    const due = await this.deps.connectionStore.listExpiringOAuth(before);
    const report = { due: due.length, refreshed: 0, failed: 0 };
    await forEachLimited(due, this.deps.concurrency ?? 4, async (connection) => {
      try {
        const server = await this.deps.serverStore.get(connection.tenantId, connection.serverId);
        if (!server || server.authType !== "OAUTH2") return;
        await this.deps.tokens.refresh(server, connection);
        report.refreshed += 1;
      } catch (error) {
        report.failed += 1;
        this.deps.logger.warn("oauth-refresh failed for a connection", {
          tenant: connection.tenantId,
          serverId: connection.serverId,
          error: (error as Error).message,
        });
      }
    });
    this.deps.logger.info("oauth-refresh finished", report);
    return report;
  }
}
