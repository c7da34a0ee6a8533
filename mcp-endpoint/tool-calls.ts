import {
  type CallToolResult,
  inputRequired,
  inputResponse,
  ProtocolError,
  ProtocolErrorCode,
  type Server,
  type ServerContext,
} from "@modelcontextprotocol/server";
import type { ToolCall } from "../domain/calls/tool-call.js";
import { sha256Hex } from "../domain/shared/digest.js";
import { DomainError } from "../domain/shared/errors.js";
import { answerOf, approvalForm } from "./approval-prompt.js";
import { callResult, failureResult, pendingResult } from "./call-results.js";
import { capabilitiesOf, type Downstream, progressOf, relayFor } from "./downstream.js";
import type { McpServices } from "./services.js";
import type { Logger } from "../domain/ports/logger.js";

const PROMPT_KEY = "approval";
/** Where a client names a call for its retries: `params._meta.idempotencyKey` of `tools/call`. */
const IDEMPOTENCY_META_KEY = "idempotencyKey";
const REQUEST_STATE_SECONDS = 15 * 60;

export interface ToolCallContext {
  services: McpServices;
  logger: Logger;
  downstream: Downstream;
  server: Server;
  approvalWaitMs: number;
}

/**
 * `tools/call` through the platform's one call service: arguments checked, settings applied,
 * audited, with the resolved credential. A call that needs approval is put to the user: in
 * their MCP client when it can ask (2026: an `input_required` result; 2025: `elicitation/create`),
 * else it waits for the approval inbox, then answers "pending" and is collected by asking again.
 * Expected failures are tool results the agent reads (`isError`); an unknown tool is a protocol error.
 */
export async function callTool(context: ToolCallContext, ctx: ServerContext, name: string, args: Record<string, unknown>) {
  try {
    if (context.downstream.era === "modern" && ctx.mcpReq.requestState() !== undefined) return await answered(context, ctx);
    const relay = relayFor(context.downstream, context.server, ctx);
    const input = { qualifiedName: name, arguments: args, idempotencyKey: await idempotencyKeyOf(context.downstream, ctx) };
    const { call, resumed } = await context.services.toolCalls.callOrResume(context.downstream.actor, input, { relay, resume: true });
    if (!isWaiting(call)) return callResult(call);
    // Asked before and left pending: wait for that call again, never ask its user twice.
    return resumed ? await waitForOutcome(context, ctx, call) : await awaitDecision(context, ctx, call);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND")
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    if (error instanceof DomainError) return failureResult(error.message);
    throw error;
  }
}

/**
 * What makes a resent `tools/call` return its first call instead of running the tool again. A
 * client names the call itself in `_meta.idempotencyKey`: the same key on every retry, on any
 * connection. Else a 2025-era request is named by its JSON-RPC id within its session: what an
 * HTTP client or proxy resends after a dropped connection repeats both, while a new request gets
 * a new id. Ids restart with every session, so an id alone would take another session's call
 * for this one; a 2026-era request has no session, so only the client's own key names it.
 */
async function idempotencyKeyOf(downstream: Downstream, ctx: ServerContext): Promise<string | undefined> {
  const given = ctx.mcpReq._meta?.[IDEMPOTENCY_META_KEY];
  // Anything but a string is refused by the call's input checks, not taken as no key.
  if (given !== undefined) return given as string;
  return downstream.sessionId ? `jsonrpc:${await sha256Hex(JSON.stringify([downstream.sessionId, ctx.mcpReq.id]))}` : undefined;
}

async function awaitDecision(context: ToolCallContext, ctx: ServerContext, call: ToolCall) {
  const { downstream, services } = context;
  const canAsk = capabilitiesOf(downstream, ctx).elicitation !== undefined && call.status === "PENDING_APPROVAL";
  if (canAsk && downstream.era === "modern") {
    const state = { call: call.id, tenant: call.tenantId, sub: downstream.actor.userId, agent: downstream.actor.agentId ?? null };
    return inputRequired({
      inputRequests: { [PROMPT_KEY]: inputRequired.elicit(approvalForm(call)) },
      requestState: await services.statements.sign("mcp-request-state", state, REQUEST_STATE_SECONDS),
    });
  }
  if (canAsk) await downstream.routed.askApproval(context.server, ctx.mcpReq.id, downstream.actor, call);
  return waitForOutcome(context, ctx, call);
}

/** A 2026-era client's answer to the approval prompt (its retry carries the request state and the answer). */
async function answered(context: ToolCallContext, ctx: ServerContext): Promise<CallToolResult> {
  const { downstream, services } = context;
  const state = ctx.mcpReq.requestState<{ call: string; tenant: string; sub: string; agent: string | null }>()!;
  if (
    state.tenant !== downstream.actor.tenantId ||
    state.sub !== downstream.actor.userId ||
    state.agent !== (downstream.actor.agentId ?? null)
  ) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, "Invalid or expired requestState");
  }
  const view = inputResponse(ctx.mcpReq.inputResponses, PROMPT_KEY);
  const answer = view.kind === "elicit" ? answerOf(view) : undefined;
  const current = await services.toolCalls.get(downstream.actor, state.call);
  if (!answer || current.status !== "PENDING_APPROVAL")
    return current.status === "PENDING_APPROVAL" ? held(context, current) : callResult(current);
  try {
    return callResult(
      await services.approvals.answerPrompt(downstream.actor, state.call, answer, relayFor(downstream, context.server, ctx)),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return callResult(await services.toolCalls.get(downstream.actor, state.call));
  }
}

/** Waits for the user's decision (reporting progress), up to the configured limit; then "pending", to collect later. */
async function waitForOutcome(context: ToolCallContext, ctx: ServerContext, call: ToolCall): Promise<CallToolResult> {
  const progress = progressOf(ctx);
  const waitMs = context.approvalWaitMs;
  const settled = await context.services.outcomes.settle(call, {
    waitMs,
    signal: ctx.mcpReq.signal,
    onTick: (elapsed) =>
      progress?.({ progress: Math.round(elapsed / 1000), total: Math.round(waitMs / 1000), message: "Waiting for approval" }),
  });
  return isWaiting(settled) ? held(context, settled) : callResult(settled);
}

const isWaiting = (call: ToolCall) => call.status === "PENDING_APPROVAL" || call.status === "RUNNING";

async function held(context: ToolCallContext, call: ToolCall): Promise<CallToolResult> {
  await context.services.toolCalls.holdForRetry(call);
  return pendingResult(call);
}
