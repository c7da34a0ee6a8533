import { z } from "zod";
import type { CallPage, ToolCallStore } from "../ports/tool-call-store.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden } from "../shared/errors.js";
import { agentIdSchema, principalIdSchema } from "../shared/identifiers.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import type { CallLifecycle } from "./call-lifecycle.js";
import { runningSinceCutoff, TOOL_CALL_STATUSES } from "./tool-call.js";

const instant = z.union([z.date(), z.string().datetime({ offset: true })]).transform((value) => new Date(value).toISOString());

export const callHistoryInputSchema = z.object({
  filter: z
    .object({
      serverId: z.string().min(1).max(64).optional(),
      userId: principalIdSchema.optional(),
      agentId: agentIdSchema.optional(),
      status: z.enum(TOOL_CALL_STATUSES).optional(),
      since: instant.optional(),
      until: instant.optional(),
    })
    .optional(),
  first: z.number().int().min(1, "must be at least 1").max(100, "must be at most 100").optional(),
  after: z.string().min(1).max(1000).optional(),
});

/**
 * The audit trail: pages of tool calls, newest first, from an index (never a scan). Members read
 * their own calls; admins read the tenant's calls on shared servers (a private server's calls
 * are its owner's alone), or their own with `userId` set to themselves.
 */
export class CallHistory {
  constructor(private readonly deps: { store: ToolCallStore; lifecycle: Pick<CallLifecycle, "now" | "observed" | "runningLimitMs"> }) {}

  async page(caller: Caller, rawInput: InputOf<typeof callHistoryInputSchema>): Promise<CallPage> {
    const input = parseInput(callHistoryInputSchema, withoutNulls(rawInput));
    const filter = withoutNulls(input.filter ?? {}) as NonNullable<typeof input.filter>;
    const admin = isAdmin(caller);
    if (!admin && filter.userId !== undefined && filter.userId !== caller.userId) throw forbidden("Members read only their own calls");
    const own = !admin || filter.userId === caller.userId;
    const { lifecycle } = this.deps;
    const now = lifecycle.now();
    const page = await this.deps.store.page({
      tenantId: caller.tenantId,
      timeline: own ? { userId: caller.userId } : "shared",
      filter: own ? { ...filter, userId: undefined } : filter,
      first: input.first ?? 20,
      ...(input.after ? { after: input.after } : {}),
      now: now.toISOString(),
      runningCutoff: runningSinceCutoff(now, lifecycle.runningLimitMs),
    });
    return { ...page, calls: page.calls.map(({ call, cursor }) => ({ call: lifecycle.observed(call), cursor })) };
  }
}
