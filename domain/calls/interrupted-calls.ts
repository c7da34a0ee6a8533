import type { Logger } from "../ports/logger.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import { forEachLimited } from "../shared/concurrency.js";
import { DomainError } from "../shared/errors.js";
import type { CallLifecycle } from "./call-lifecycle.js";
import { INTERRUPTED, runningSinceCutoff, type ToolCall } from "./tool-call.js";

/**
 * Calls whose process died while they ran (`kill -9`, a crash, a Lambda cut short) stay RUNNING
 * in storage. Readers already see them FAILED (observedStatus); the `refresh-tools` job writes
 * that down, tells their watchers and counts the failure, each with one conditional write from
 * RUNNING: a call that finished meanwhile keeps its outcome.
 */
export class InterruptedCalls {
  constructor(private readonly deps: { calls: ToolCallStore; lifecycle: CallLifecycle; logger: Logger; concurrency?: number }) {}

  async sweep(): Promise<{ interrupted: number }> {
    const { lifecycle } = this.deps;
    const abandoned = await this.deps.calls.listRunningSince(runningSinceCutoff(lifecycle.now(), lifecycle.runningLimitMs));
    let interrupted = 0;
    await forEachLimited(abandoned, this.deps.concurrency ?? 8, async (call) => {
      if (await this.record(call)) interrupted += 1;
    });
    if (interrupted > 0) this.deps.logger.warn("calls abandoned mid-run recorded as interrupted", { interrupted });
    return { interrupted };
  }

  /** Records one call FAILED (interrupted); false when it was not abandoned after all, or finished meanwhile. */
  private async record(call: ToolCall): Promise<boolean> {
    const { lifecycle } = this.deps;
    if (lifecycle.observed(call).status !== "FAILED") return false;
    const outcome = { status: "FAILED", result: null, error: INTERRUPTED, connectionScope: call.connectionScope } as const;
    try {
      await lifecycle.finish(call, outcome, lifecycle.now().getTime() - Date.parse(call.updatedAt));
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === "CONFLICT") return false;
      throw error;
    }
  }
}
