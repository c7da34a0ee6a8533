import type { JSONRPCResponse, RequestId, Server } from "@modelcontextprotocol/server";
import type { Actor } from "../domain/access/actor.js";
import type { ToolCall } from "../domain/calls/tool-call.js";
import type { ClientRequest } from "../domain/ports/mcp-connector.js";
import { randomToken } from "../domain/shared/base64url.js";
import { DomainError } from "../domain/shared/errors.js";
import { UpstreamError } from "../domain/shared/upstream-error.js";
import { answerOf, approvalForm } from "./approval-prompt.js";
import type { McpServices } from "./services.js";

const PREFIX = "cp-reply.";
const REPLY_SECONDS = 15 * 60;

type Claims = { tenant: string; sub: string; agent: string | null } & ({ kind: "relay"; key: string } | { kind: "approval"; call: string });

/**
 * Requests the platform puts to a 2025-era client in the middle of one of its requests
 * (elicitation, sampling), with no session state: each request id is a signed statement of
 * what the request is for and whose it is. The client's reply arrives as a separate POST that
 * may reach any process; `deliver` reads the id, checks the reply comes from the same caller,
 * and either hands the answer to the waiting request (through the reply box) or, for an
 * approval prompt, records the user's decision (which runs the call).
 */
export class RoutedRequests {
  constructor(private readonly services: Pick<McpServices, "statements" | "replies" | "approvals">) {}

  /** Puts `request` to the client on the stream of the request it is handling, and waits for its reply. */
  async ask(
    server: Server,
    relatedRequestId: RequestId,
    actor: Actor,
    request: ClientRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ) {
    const key = randomToken();
    const id = await this.idFor(actor, { kind: "relay", key });
    await server.transport!.send({ jsonrpc: "2.0", id, method: request.method, params: request.params }, { relatedRequestId });
    const reply = (await this.services.replies.take(actor.tenantId, key, options)) as JSONRPCResponse | undefined;
    if (!reply) throw new UpstreamError("timeout", `The client did not answer ${request.method} in time.`);
    if ("error" in reply)
      throw new UpstreamError("protocol", `The client refused ${request.method} (${reply.error.code}).`, undefined, reply.error.code);
    return reply.result as Record<string, unknown>;
  }

  /** Asks the client's user to approve `call`; the answer comes back through `deliver`, which decides the call. */
  async askApproval(server: Server, relatedRequestId: RequestId, actor: Actor, call: ToolCall): Promise<void> {
    const id = await this.idFor(actor, { kind: "approval", call: call.id });
    await server.transport!.send(
      { jsonrpc: "2.0", id, method: "elicitation/create", params: { ...approvalForm(call) } },
      { relatedRequestId },
    );
  }

  /** The replies a POST carries, if it carries only replies to requests put this way (they are answered here, never by the SDK). */
  static repliesIn(body: unknown): JSONRPCResponse[] | undefined {
    const messages: unknown[] = Array.isArray(body) ? body : [body];
    const replies =
      messages.length > 0 && messages.every((message) => isReply(message) && String((message as JSONRPCResponse).id).startsWith(PREFIX));
    return replies ? (messages as JSONRPCResponse[]) : undefined;
  }

  /** Takes the client's replies; false when one is not a reply this caller may give (forged, expired, someone else's). */
  async deliver(actor: Actor, replies: readonly JSONRPCResponse[]): Promise<boolean> {
    let accepted = true;
    for (const reply of replies) {
      const claims = (await this.services.statements.verify("mcp-reply", String(reply.id).slice(PREFIX.length))) as Claims | undefined;
      if (!claims || claims.tenant !== actor.tenantId || claims.sub !== actor.userId || claims.agent !== (actor.agentId ?? null)) {
        accepted = false;
        continue;
      }
      if (claims.kind === "relay") await this.services.replies.deliver(actor.tenantId, claims.key, reply);
      else await this.decide(actor, claims.call, reply);
    }
    return accepted;
  }

  private async decide(actor: Actor, callId: string, reply: JSONRPCResponse): Promise<void> {
    const answer = "result" in reply ? answerOf(reply.result as { action?: unknown; content?: unknown }) : undefined;
    if (!answer) return; // dismissed: the call keeps waiting for a decision from the inbox
    try {
      await this.services.approvals.answerPrompt(actor, callId, answer);
    } catch (error) {
      // Decided meanwhile (in the inbox), or expired: the waiting request reads the outcome itself.
      if (!(error instanceof DomainError)) throw error;
    }
  }

  private async idFor(actor: Actor, purpose: { kind: "relay"; key: string } | { kind: "approval"; call: string }): Promise<string> {
    const claims = { tenant: actor.tenantId, sub: actor.userId, agent: actor.agentId ?? null, ...purpose };
    return PREFIX + (await this.services.statements.sign("mcp-reply", claims, REPLY_SECONDS));
  }
}

const isReply = (message: unknown) =>
  typeof message === "object" &&
  message !== null &&
  "id" in message &&
  !("method" in message) &&
  ("result" in message || "error" in message);
