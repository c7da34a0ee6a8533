import type { z } from "zod";
import type { Actor } from "../access/actor.js";
import type { ArgumentValidator } from "../ports/argument-validator.js";
import { type EventBus, topics } from "../ports/event-bus.js";
import type { UpstreamRelay } from "../ports/mcp-connector.js";
import { type CallMetrics, noCallMetrics } from "../ports/metrics.js";
import type { ToolCallStore } from "../ports/tool-call-store.js";
import type { Secrets } from "../secrets/secrets.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import { effectiveApproval } from "../tools/tool.js";
import { callToolInputSchema } from "./call-input.js";
import { checkArgumentLimits, type PayloadLimits } from "./payload-limits.js";
import { type CallLifecycle, metricSubject, withoutSecrets } from "./call-lifecycle.js";
import type { IdempotencyKeys } from "./idempotency-keys.js";
import type { RetryPointers } from "./retry-pointers.js";
import { isSettled, type ToolCall } from "./tool-call.js";
import type { LocatedTool, ToolLocator } from "./tool-locator.js";
import { sealWaitingToken } from "./waiting-token.js";

export interface ToolCallServiceDeps {
  calls: ToolCallStore;
  bus: EventBus;
  locator: ToolLocator;
  lifecycle: CallLifecycle;
  retries: RetryPointers;
  keys: IdempotencyKeys;
  secrets: Secrets;
  validateArguments: ArgumentValidator;
  /** How long a call waits for its user's decision. */
  approvalTtlMs: number;
  /** How large and deep arguments may be (MAX_ARGUMENT_BYTES, MAX_ARGUMENT_DEPTH). */
  limits: PayloadLimits;
  /** Approvals requested per server and tool; none by default. */
  metrics?: CallMetrics;
  newId?: () => string;
}

export interface CallOptions {
  /** Where the server's progress, log messages and requests for input go while the tool runs. */
  relay?: UpstreamRelay;
}

/**
 * Agents calling tools. A call that needs approval is stored and announced to the user it acts
 * for, and runs only when that user decides (ApprovalDecisions); any other runs at once. Every
 * call is an audit record: who asked, for which agent, with which credential, how it ended.
 */
export class ToolCallService {
  private readonly newId: () => string;

  constructor(private readonly deps: ToolCallServiceDeps) {
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  }

  async call(actor: Actor, rawInput: InputOf<typeof callToolInputSchema>, options: CallOptions = {}): Promise<ToolCall> {
    return (await this.callOrResume(actor, rawInput, options)).call;
  }

  /**
   * A call, or, for a tool that needs approval, the call this same request (same actor, tool
   * and arguments) paused on before and was told "pending" about (`resumed`): still waiting, or
   * settled and collected now, exactly once (the pointer goes with it). A client that asks again
   * later gets the outcome, and its user is not asked twice. With an idempotency key, the call
   * the key named within the hour, as it stands (`resumed` too; see IdempotencyKeys).
   */
  async callOrResume(
    actor: Actor,
    rawInput: InputOf<typeof callToolInputSchema>,
    options: CallOptions & { resume?: boolean } = {},
  ): Promise<{ call: ToolCall; resumed: boolean }> {
    const input = parseInput(callToolInputSchema, withoutNulls(rawInput));
    checkArgumentLimits(input.arguments, this.deps.limits);
    const located = await this.deps.locator.byQualifiedName(actor, input.qualifiedName);
    const problem = await this.deps.validateArguments(located.record.definition?.inputSchema ?? { type: "object" }, input.arguments);
    if (problem) throw badInput(problem.field, problem.message);
    const earlier = options.resume && effectiveApproval(located.record).requiresApproval ? await this.earlier(actor, input) : undefined;
    if (earlier) return { call: earlier, resumed: true };
    return this.startOnce(actor, located, input, options.relay);
  }

  /** A new call; with an idempotency key, the call the key named before (`resumed`), if it named one. */
  private async startOnce(actor: Actor, located: LocatedTool, input: z.output<typeof callToolInputSchema>, relay?: UpstreamRelay) {
    const id = this.newId();
    const { idempotencyKey } = input;
    const claim = idempotencyKey ? await this.deps.keys.claim(actor, { ...input, idempotencyKey }, id) : undefined;
    if (claim && "earlier" in claim) return { call: this.observed(claim.earlier), resumed: true };
    try {
      return { call: await this.start(actor, located, input, relay, id), resumed: false };
    } catch (error) {
      await claim?.abandon();
      throw error;
    }
  }

  private async start(
    actor: Actor,
    located: LocatedTool,
    input: { qualifiedName: string; arguments: Record<string, unknown> },
    relay: UpstreamRelay | undefined,
    id: string,
  ) {
    const call = await this.record(actor, located, input, id);
    // An auto-approved call's audit record is written while its server works (run() waits for both).
    if (call.status === "RUNNING") return this.deps.lifecycle.run(call, actor, located, relay, this.deps.calls.create(call));
    await this.deps.calls.create(call);
    (this.deps.metrics ?? noCallMetrics).approvalRequested(metricSubject(call));
    await this.deps.bus.publish(topics.approvals(call.tenantId, call.requestedBy), withoutSecrets(call));
    await this.deps.lifecycle.announce(call);
    return call;
  }

  /** The audit record of a new call: running at once, or waiting for its user. */
  private async record(
    actor: Actor,
    located: LocatedTool,
    input: { qualifiedName: string; arguments: Record<string, unknown> },
    id: string,
  ): Promise<ToolCall> {
    const { server, resolution } = located.grant;
    const now = this.deps.lifecycle.now();
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
      decidedVia: null,
      reason: null,
      durationMs: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      approvalExpiresAt: needsApproval ? new Date(now.getTime() + this.deps.approvalTtlMs).toISOString() : null,
      waitingToken: carried ? await sealWaitingToken(this.deps.secrets, { tenantId: actor.tenantId, id }, carried) : null,
    };
    return call;
  }

  /** The paused call this request finds; undefined when there is none, it expired, or another retry collected it. */
  private async earlier(actor: Actor, input: { qualifiedName: string; arguments: Record<string, unknown> }): Promise<ToolCall | undefined> {
    const pointer = await this.deps.retries.find(actor, input.qualifiedName, input.arguments);
    const stored = pointer ? await this.deps.calls.get(actor.tenantId, pointer.callId) : undefined;
    if (!pointer || !stored) return undefined;
    const call = this.observed(stored);
    if (!isSettled(call.status)) return call;
    const collected = await pointer.release();
    return collected && call.status !== "EXPIRED" ? call : undefined;
  }

  /** Lets the same request, asked again by its actor, find this paused call and collect its outcome. */
  holdForRetry(call: ToolCall): Promise<void> {
    return this.deps.retries.hold(call);
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
    return this.deps.lifecycle.observed(call);
  }
}

/** A call is its user's; admins audit calls on shared servers, never on someone's private server. */
export const canSeeCall = (caller: Caller, call: ToolCall) =>
  call.tenantId === caller.tenantId && (call.requestedBy === caller.userId || (isAdmin(caller) && !call.privateServerOwner));
