import type { Logger } from "../ports/logger.js";
import type { ServerChecks } from "../ports/server-checks.js";
import type { McpServer } from "../servers/server.js";

/**
 * Server checks run in this process and awaited by no one (a long-lived local server): whoever
 * asked has its answer already. `settled()` waits for those in flight (shutdown, tests).
 */
export class InProcessServerChecks implements ServerChecks {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly check: (server: McpServer) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  request(server: McpServer): Promise<void> {
    const running: Promise<void> = this.check(server)
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn("server check failed", { serverId: server.id, error: (error as Error).message }))
      .finally(() => this.running.delete(running));
    this.running.add(running);
    return Promise.resolve();
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
