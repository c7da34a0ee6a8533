import { ProtocolError, ProtocolErrorCode, Server } from "@modelcontextprotocol/server";
import { type HttpRequestPlan, requestFor } from "../../domain/connectors/connector-requests.js";
import { toolResultOf } from "../../domain/connectors/connector-responses.js";
import { toolsOf } from "../../domain/connectors/connector-tools.js";
import type { Descriptor } from "../../domain/connectors/descriptor.js";
import type { RateLimiter } from "../../domain/ports/rate-limiter.js";
import { DomainError } from "../../domain/shared/errors.js";
import type { SafeFetch } from "../http/fetch-limits.js";
import { sanitizeUpstreamError } from "../mcp/sanitize-error.js";

export interface OperationServerDeps {
  safeFetch: SafeFetch;
  rateLimiter: RateLimiter;
}

export interface Instance {
  tenantId: string;
  connectorId: string;
  /** The connector instance (the connection whose credential it uses): rate limits count per instance. */
  instance: string;
  fields: Readonly<Record<string, string>>;
}

const failed = (text: string) => ({ isError: true, content: [{ type: "text" as const, text }] });

/**
 * The MCP server a descriptor generates, for one connector instance: its tools are the route
 * mappings; a call becomes the operation's HTTP request (through the SSRF-safe fetch, with its
 * timeouts and size caps), counted against the descriptor's rate limits first.
 */
export function operationServer(descriptor: Descriptor, instance: Instance, deps: OperationServerDeps): Server {
  const server = new Server(
    { name: descriptor.mcp_config.server_name ?? descriptor.metadata.slug, version: descriptor.metadata.version },
    { capabilities: { tools: {} } },
  );
  server.setRequestHandler("tools/list", () => ({ tools: toolsOf(descriptor) as never }));
  server.setRequestHandler("tools/call", async (request) => {
    const { name, arguments: args = {} } = request.params;
    const plan = planOf(descriptor, name, args, instance.fields);
    if ("isError" in plan) return plan;
    const limited = await overLimit(descriptor, instance, deps.rateLimiter);
    return (limited ?? (await sent(plan, deps.safeFetch))) as never;
  });
  return server;
}

/** The HTTP request of a call, or the tool error its arguments make (an unknown tool is a protocol error). */
function planOf(descriptor: Descriptor, name: string, args: Record<string, unknown>, fields: Readonly<Record<string, string>>) {
  try {
    return requestFor(descriptor, name, args, fields);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "NOT_FOUND") throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    return failed(error.field ? `${error.field} ${error.message}` : error.message);
  }
}

/** A tool error when this instance has used up a rate limit of the descriptor (the API is then not called). */
async function overLimit(descriptor: Descriptor, instance: Instance, rateLimiter: RateLimiter) {
  for (const limit of descriptor.rate_limits) {
    const taken = await rateLimiter.take(
      instance.tenantId,
      `${instance.connectorId}#${instance.instance}`,
      limit.limit,
      limit.interval_seconds,
    );
    if (!taken.allowed) {
      return failed(
        `Rate limit reached (${limit.limit} calls per ${limit.interval_seconds} s for this connection); retry in ${taken.retryAfterSeconds} s.`,
      );
    }
  }
  return undefined;
}

/** The request sent through the SSRF-safe fetch, and its answer as a tool result. */
async function sent(plan: HttpRequestPlan, safeFetch: SafeFetch) {
  try {
    const response = await safeFetch(plan.url, { method: plan.method, headers: plan.headers, ...(plan.body ? { body: plan.body } : {}) });
    return toolResultOf({ status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() });
  } catch (error) {
    // Refused by the outbound policy, unreachable, too slow or too large: said in words safe to show, never the address.
    return failed(sanitizeUpstreamError(error).message);
  }
}
