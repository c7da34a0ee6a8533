import type { CallMetrics, ApprovalDecided, CallFinished } from "../ports/metrics.js";
import type { CallCounterStore } from "../ports/call-counter-store.js";
import type { Logger } from "../ports/logger.js";
import type { ServerStore } from "../ports/server-store.js";
import { canSee } from "../servers/server-access.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { BackgroundWork } from "../shared/background-work.js";
import { forbidden } from "../shared/errors.js";
import { qualifiedName } from "../tools/qualified-name.js";
import { bucketOf, type CounterRow, percentileOf, summed } from "./call-counters.js";

export interface ToolMetricsRow {
  serverId: string;
  toolName: string;
  qualifiedName: string;
  calls: number;
  failures: number;
  rejections: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

const DAY_MS = 86_400_000;
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * `toolMetrics`, and the counters behind it: each finished call and each rejection adds to its
 * server's, tool's and day's counters (a CallMetrics sink, so it never fails or delays a call;
 * `settled()` waits for the writes), and the report sums the days asked for.
 */
export class ToolMetrics implements CallMetrics {
  private readonly writes = new BackgroundWork();

  constructor(
    private readonly deps: { counters: CallCounterStore; serverStore: Pick<ServerStore, "list">; logger: Logger; now: () => Date },
  ) {}

  callFinished({ tenantId, serverId, toolName, status, durationMs }: CallFinished): void {
    this.count(tenantId, {
      serverId,
      toolName,
      calls: 1,
      failures: status === "FAILED" ? 1 : 0,
      rejections: 0,
      buckets: { [bucketOf(durationMs)]: 1 },
    });
  }

  approvalRequested(): void {}

  approvalDecided({ tenantId, serverId, toolName, decision }: ApprovalDecided): void {
    if (decision === "REJECTED") this.count(tenantId, { serverId, toolName, calls: 0, failures: 0, rejections: 1, buckets: {} });
  }

  settled(): Promise<void> {
    return this.writes.settled();
  }

  /** Admins: per tool of the servers they may see, since `since` (default: the last 7 days). */
  async report(caller: Caller, serverId?: string, since?: Date): Promise<ToolMetricsRow[]> {
    if (!isAdmin(caller)) throw forbidden("Only admins read tool metrics");
    const from = since ?? new Date(this.deps.now().getTime() - 7 * DAY_MS);
    const [rows, servers] = await Promise.all([
      this.deps.counters.read(caller.tenantId, dayOf(from), serverId),
      this.deps.serverStore.list(caller.tenantId),
    ]);
    const visible = new Map(servers.filter((server) => canSee(caller, server)).map((server) => [server.id, server]));
    return summed(rows)
      .filter((row) => visible.has(row.serverId))
      .map((row) => ({
        serverId: row.serverId,
        toolName: row.toolName,
        qualifiedName: qualifiedName(visible.get(row.serverId)!.slug, row.toolName),
        calls: row.calls,
        failures: row.failures,
        rejections: row.rejections,
        p50Ms: percentileOf(row.buckets, 50),
        p95Ms: percentileOf(row.buckets, 95),
      }))
      .sort((a, b) => a.qualifiedName.localeCompare(b.qualifiedName));
  }

  private count(tenantId: string, row: CounterRow): void {
    this.writes.track(this.deps.counters.add(tenantId, dayOf(this.deps.now()), row), (error) =>
      this.deps.logger.warn("call counters not written", { error: error.message }),
    );
  }
}
