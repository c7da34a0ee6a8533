import { type Actor, recordedActor } from "../access/actor.js";
import type { UpstreamRelay } from "../ports/mcp-connector.js";
import { type CallMetrics, noCallMetrics } from "../ports/metrics.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import type { Secrets } from "../secrets/secrets.js";
import type { Caller } from "../shared/caller.js";
import { conflict, DomainError, forbidden, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import { parseInput } from "../shared/validation.js";
import { rejectionReasonSchema } from "./call-input.js";
import { type CallLifecycle, metricSubject } from "./call-lifecycle.js";
import { type DecisionChannel, rejectionResult, type ToolCall } from "./tool-call.js";
import { canSeeCall } from "./tool-call-service.js";
import type { LocatedTool, ToolLocator } from "./tool-locator.js";
import { openWaitingToken } from "./waiting-token.js";

export interface ApprovalDecisionsDeps {
  calls: ToolCallStore;
  locator: ToolLocator;
  lifecycle: CallLifecycle;
  secrets: Secrets;
  /** Approvals decided per server and tool; none by default. */
  metrics?: CallMetrics;
}

/** A user's answer to "may this call run?". */
export interface Answer {
  approve: boolean;
  reason?: string | null;
}

/**
 * People deciding calls that wait for approval: from their approval inbox (GraphQL), or from
 * the prompt their MCP client showed them while the agent waited. Either way the decision is
 * that user's, recorded once (the move out of PENDING_APPROVAL is one conditional write), and
 * an approved call runs as it was asked: for its user and agent, with the embedded token that
 * came with it.
 */
export class ApprovalDecisions {
  constructor(private readonly deps: ApprovalDecisionsDeps) {}

  async approve(caller: Caller, id: string): Promise<ToolCall> {
    return this.decide(await this.fromInbox(caller, id), caller, { approve: true }, "INBOX");
  }

  async reject(caller: Caller, id: string, reason?: string | null): Promise<ToolCall> {
    const checked = parseInput(rejectionReasonSchema, reason ?? undefined, "reason") ?? null;
    return this.decide(await this.fromInbox(caller, id), caller, { approve: false, reason: checked }, "INBOX");
  }

  /**
   * The answer to the prompt the MCP endpoint put to the client of the actor that asked: only
   * that same user and agent answer it (the client shows it to its user, who answers there).
   */
  async answerPrompt(actor: Actor, id: string, answer: Answer, relay?: UpstreamRelay): Promise<ToolCall> {
    const call = await this.waiting(actor, id);
    if ((call.agentId ?? null) !== (actor.agentId ?? null)) throw forbidden("Only the client that asked may answer its prompt");
    return this.decide(call, actor, answer, "PROMPT", relay);
  }

  private async decide(call: ToolCall, decider: Caller, answer: Answer, via: DecisionChannel, relay?: UpstreamRelay): Promise<ToolCall> {
    const { lifecycle, metrics = noCallMetrics } = this.deps;
    const decided = { ...call, decidedBy: decider.userId, decidedVia: via, waitingToken: null };
    // Counted once the decision is written: of two answers at the same moment only one counts.
    const counted = (decision: "APPROVED" | "REJECTED") => metrics.approvalDecided({ ...metricSubject(call), decision, via });
    if (!answer.approve) {
      const reason = answer.reason ?? null;
      const rejected = lifecycle.stamp({ ...decided, status: "REJECTED", reason, result: rejectionResult(reason) });
      await lifecycle.move(rejected, "PENDING_APPROVAL");
      counted("REJECTED");
      return rejected;
    }
    const running = lifecycle.stamp({ ...decided, status: "RUNNING" });
    await lifecycle.move(running, "PENDING_APPROVAL");
    counted("APPROVED");
    const embedded = await openWaitingToken(this.deps.secrets, call, lifecycle.now());
    if (embedded === "expired") {
      const error = "The embedded chat's token that came with this call expired before it was approved; ask again.";
      return lifecycle.finish(running, { status: "FAILED", result: null, error, connectionScope: null }, 0);
    }
    const actor = recordedActor(decider, call, embedded);
    let located: LocatedTool;
    try {
      located = await this.deps.locator.byRecord(actor, call.serverId, call.toolName);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return lifecycle.finish(running, { status: "FAILED", result: null, error: error.message, connectionScope: null }, 0);
    }
    return lifecycle.run(running, actor, located, relay);
  }

  /** The call, if `caller` decides it from the inbox: its own user, never an agent token (an agent must not approve its own calls). */
  private async fromInbox(caller: Caller, id: string): Promise<ToolCall> {
    if (caller.agentId) throw forbidden("Agent tokens cannot approve or reject tool calls; the user decides");
    return this.waiting(caller, id);
  }

  /** The call, if it is `caller`'s and still waits for a decision. */
  private async waiting(caller: Caller, id: string): Promise<ToolCall> {
    const stored = isRecordId(id) ? await this.deps.calls.get(caller.tenantId, id) : undefined;
    if (!stored || !canSeeCall(caller, stored)) throw notFound("Tool call");
    if (stored.requestedBy !== caller.userId) throw forbidden("Only the user a call acts for may approve or reject it");
    const call = this.deps.lifecycle.observed(stored);
    if (call.status === "EXPIRED") throw conflict("The approval request has expired");
    if (call.status !== "PENDING_APPROVAL") throw conflict(`The call was already decided (${call.status})`);
    return call;
  }
}
