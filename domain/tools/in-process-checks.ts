import type { Logger } from "../ports/logger.js";
import type { ServerChecks } from "../ports/server-checks.js";
import type { McpServer } from "../servers/server.js";
import { BackgroundWork } from "../shared/background-work.js";

/**
 * Server checks run in this process and awaited by no one (a long-lived local server): whoever
 * asked has its answer already. `settled()` waits for those in flight (shutdown, tests).
 */
export class InProcessServerChecks implements ServerChecks {
  private readonly work = new BackgroundWork();

  constructor(
    private readonly check: (server: McpServer) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  request(server: McpServer): Promise<void> {
    this.work.track(this.check(server), (error) => this.logger.warn("server check failed", { serverId: server.id, error: error.message }));
    return Promise.resolve();
  }

  settled(): Promise<void> {
    return this.work.settled();
  }
}
