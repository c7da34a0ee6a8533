import { type Actor, recordedActor } from "../access/actor.js";
import type { ArgumentValidator } from "../ports/argument-validator.js";
import type { Clock } from "../ports/clock.js";
import { type EventBus, topics } from "../ports/event-bus.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, conflict, DomainError, forbidden, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import type { Upstream } from "../upstream/upstream-session.js";
import type { Secrets } from "../secrets/secrets.js";
import { effectiveApproval } from "../tools/tool.js";
import { callToolInputSchema, rejectionReasonSchema } from "./call-input.js";
import { observedStatus, rejectionResult, type ToolCall, type ToolCallStatus } from "./tool-call.js";
import type { LocatedTool, ToolLocator } from "./tool-locator.js";
import { openWaitingToken, sealWaitingToken } from "./waiting-token.js";

export interface ToolCallServiceDeps {
  calls: ToolCallStore;
  bus: EventBus;
  locator: ToolLocator;
  upstream: Upstream;
  secrets: Secrets;
  validateArguments: ArgumentValidator;
  clock: Clock;
  /** How long a call waits for its user's decision. */
  approvalTtlMs: number;
  /** How long a running tool may take. */
  callTimeoutMs: number;
  newId?: () => string;
}

/**
 * Agents calling tools, and people approving them. A call that needs approval is stored and
 * announced to the user it acts for, and runs only when that user approves it: the move from
 * PENDING_APPROVAL to RUNNING is one conditional write, so a double click, two tabs or two
 * Lambdas run it once.
 */
export class ToolCallService {
  private readonly newId: () => string;

  constructor(private readonly deps: ToolCallServiceDeps) {
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  }

  async call(actor: Actor, rawInput: InputOf<typeof callToolInputSchema>): Promise<ToolCall> {
    const input = parseInput(callToolInputSchema, withoutNulls(rawInput));
    const located = await this.deps.locator.byQualifiedName(actor, input.qualifiedName);
    const { server, resolution } = located.grant;
    const problem = this.deps.validateArguments(located.record.definition?.inputSchema ?? { type: "object" }, input.arguments);
    if (problem) throw badInput(problem.field, problem.message);

    const now = this.now();
    const id = this.newId();
    const needsApproval = effectiveApproval(located.record).requiresApproval;
    // A JWT passthrough call waiting for approval runs later with the embedded token that came with it: kept, sealed, until then.
    const carried = needsApproval && server.authType === "JWT_PASSTHROUGH" ? actor.embedded : undefined;
    const call: ToolCall = {
      tenantId: actor.tenantId,
      id,
      serverId: server.id,
      toolName: located.record.name,
      qualifiedName: input.qualifiedName,
      arguments: input.arguments,
      status: needsApproval ? "PENDING_APPROVAL" : "RUNNING",
      result: null,
      error: null,
      privateServerOwner: server.visibility === "PRIVATE" ? server.ownerId : null,
      requestedBy: actor.userId,
      agentId: actor.agentId ?? null,
      connectionScope: resolution.source,
      decidedBy: null,
      reason: null,
      durationMs: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      approvalExpiresAt: needsApproval ? new Date(now.getTime() + this.deps.approvalTtlMs).toISOString() : null,
      waitingToken: carried ? await sealWaitingToken(this.deps.secrets, { tenantId: actor.tenantId, id }, carried) : null,
    };
    await this.deps.calls.create(call);
    if (!needsApproval) return this.run(call, actor, located);
    await this.deps.bus.publish(topics.approvals(call.tenantId, call.requestedBy), withoutSecrets(call));
    await this.announce(call);
    return call;
  }

  async approve(caller: Caller, id: string): Promise<ToolCall> {
    const call = await this.decidable(caller, id);
    const running = this.stamp({ ...call, status: "RUNNING", decidedBy: caller.userId, waitingToken: null });
    await this.move(running, "PENDING_APPROVAL");
    await this.announce(running);
    const embedded = await openWaitingToken(this.deps.secrets, call, this.now());
    if (embedded === "expired") {
      const error = "The embedded chat's token that came with this call expired before it was approved; ask again.";
      return this.finish(running, { status: "FAILED", result: null, error, connectionScope: null }, 0);
    }
    // The call runs as it was asked: for its user and agent, with the embedded token that came with it.
    const actor = recordedActor(caller, call, embedded);
    let located: LocatedTool;
    try {
      located = await this.deps.locator.byRecord(actor, call.serverId, call.toolName);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.finish(running, { status: "FAILED", result: null, error: error.message, connectionScope: null }, 0);
    }
    return this.run(running, actor, located);
  }

  async reject(caller: Caller, id: string, rawReason?: string | null): Promise<ToolCall> {
    const reason = parseInput(rejectionReasonSchema, rawReason ?? undefined, "reason") ?? null;
    const call = await this.decidable(caller, id);
    const rejected = this.stamp({
      ...call,
      status: "REJECTED",
      decidedBy: caller.userId,
      reason,
      result: rejectionResult(reason),
      waitingToken: null,
    });
    await this.move(rejected, "PENDING_APPROVAL");
    await this.announce(rejected);
    return rejected;
  }

  /** A call as its user or an admin sees it (audit); anyone else is told it does not exist. */
  async get(caller: Caller, id: string): Promise<ToolCall> {
    const call = isRecordId(id) ? await this.deps.calls.get(caller.tenantId, id) : undefined;
    if (!call || !canSeeCall(caller, call)) throw notFound("Tool call");
    return this.observed(call);
  }

  /** The caller's own calls still waiting for their decision (for a page opened after the event). */
  async pendingApprovals(caller: Caller): Promise<ToolCall[]> {
    const pending = await this.deps.calls.listPending(caller.tenantId, caller.userId);
    return pending.map((call) => this.observed(call)).filter((call) => call.status === "PENDING_APPROVAL");
  }

  observed(call: ToolCall): ToolCall {
    const status = observedStatus(call, this.deps.clock.now());
    return status === call.status ? call : { ...call, status };
  }

  private async run(call: ToolCall, actor: Actor, { grant }: LocatedTool): Promise<ToolCall> {
    const started = Date.now();
    const session = this.deps.upstream.session(actor, grant);
    const connectionScope = session.source;
    try {
      const result = await session.callTool(call.toolName, call.arguments, { timeoutMs: this.deps.callTimeoutMs });
      const failed = result.isError === true;
      const outcome = {
        status: failed ? ("FAILED" as const) : ("SUCCEEDED" as const),
        result,
        error: failed ? "The tool reported an error." : null,
      };
      return await this.finish(call, { ...outcome, connectionScope }, Date.now() - started);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.finish(call, { status: "FAILED", result: null, error: error.message, connectionScope }, Date.now() - started);
    }
  }

  private async finish(
    call: ToolCall,
    outcome: Pick<ToolCall, "status" | "result" | "error" | "connectionScope">,
    durationMs: number,
  ): Promise<ToolCall> {
    const finished = this.stamp({ ...call, ...outcome, durationMs });
    await this.move(finished, "RUNNING");
    await this.announce(finished);
    return finished;
  }

  /** The call, if `caller` is the one to decide it and it still waits for a decision. */
  private async decidable(caller: Caller, id: string): Promise<ToolCall> {
    // A token acting for an agent never decides: otherwise an agent could approve its own calls.
    if (caller.agentId) throw forbidden("Agent tokens cannot approve or reject tool calls; the user decides");
    const call = await this.get(caller, id);
    if (call.requestedBy !== caller.userId) throw forbidden("Only the user a call acts for may approve or reject it");
    if (call.status === "EXPIRED") throw conflict("The approval request has expired");
    if (call.status !== "PENDING_APPROVAL") throw conflict(`The call was already decided (${call.status})`);
    return call;
  }

  private async move(next: ToolCall, from: ToolCallStatus): Promise<void> {
    const moved = await this.deps.calls.transition(next, from, this.now().toISOString());
    if (!moved)
      throw conflict(from === "PENDING_APPROVAL" ? "The call was already decided, or its approval expired" : "The call changed meanwhile");
  }

  private announce(call: ToolCall): Promise<void> {
    return this.deps.bus.publish(topics.toolCall(call.tenantId, call.id), withoutSecrets(call));
  }

  private stamp(call: ToolCall): ToolCall {
    return { ...call, updatedAt: this.now().toISOString() };
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}

/** A call is its user's; admins audit calls on shared servers, never on someone's private server. */
export const canSeeCall = (caller: Caller, call: ToolCall) =>
  call.tenantId === caller.tenantId && (call.requestedBy === caller.userId || (isAdmin(caller) && !call.privateServerOwner));

/** What subscribers receive: the call without the sealed token it may carry. */
const withoutSecrets = (call: ToolCall): ToolCall => (call.waitingToken ? { ...call, waitingToken: null } : call);
