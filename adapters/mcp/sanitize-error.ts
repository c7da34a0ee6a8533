import { SseError } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { type AuthChallenge, UpstreamError } from "../../domain/shared/upstream-error.js";
import { OutboundRefusedError } from "../http/outbound-guard.js";

const httpStatusOf = (error: unknown): number | undefined => {
  if (error instanceof StreamableHTTPError || error instanceof SseError)
    return typeof error.code === "number" && error.code > 0 ? error.code : undefined;
  const code = (error as { code?: unknown })?.code;
  return typeof code === "number" && code >= 100 && code < 600 ? code : undefined;
};

const causes = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let current = error; current && chain.length < 5; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : "");
const codeOf = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" || typeof code === "number" ? String(code) : error instanceof Error ? error.name : "";
};

// eventsource flattens errors into SseError's message, so our own refusal text is matched too.
const isRefusal = (error: unknown) => error instanceof OutboundRefusedError || /Outbound (request|response) refused/.test(messageOf(error));

const BY_STATUS: Record<number, (challenge?: AuthChallenge) => UpstreamError> = {
  401: (challenge) => new UpstreamError("unauthorized", "The server rejected the credentials (HTTP 401).", challenge),
  403: (challenge) => new UpstreamError("forbidden", "The server refused access (HTTP 403).", challenge),
  404: () => new UpstreamError("http", "The server has no MCP endpoint at this URL (HTTP 404)."),
};

function fromMcpError(error: McpError): UpstreamError {
  if (error.code === (ErrorCode.RequestTimeout as number)) return new UpstreamError("timeout", "The server did not answer in time.");
  if (error.code === (ErrorCode.ConnectionClosed as number)) return new UpstreamError("unreachable", "The server closed the connection.");
  return new UpstreamError("protocol", `The server returned an MCP error (${error.code}).`);
}

function fromNetwork(chain: unknown[]): UpstreamError | undefined {
  const codes = chain.map(codeOf);
  if (codes.some((code) => /TIMEOUT|AbortError|TimeoutError/i.test(code)))
    return new UpstreamError("timeout", "The server did not answer in time.");
  const unreachable =
    codes.some((code) => /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|UND_ERR_SOCKET/.test(code)) ||
    chain.some((each) => messageOf(each) === "fetch failed");
  return unreachable ? new UpstreamError("unreachable", "Could not connect to the server.") : undefined;
}

/**
 * Turns whatever the SDK, undici or ws threw into an UpstreamError whose message a user may
 * read: what went wrong, never the upstream's body or the address it resolved to.
 */
export function sanitizeUpstreamError(error: unknown, challenge?: AuthChallenge): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const chain = causes(error);
  if (chain.some(isRefusal)) return new UpstreamError("refused", "The server's address is not allowed by the outbound policy.");
  const status = httpStatusOf(error);
  if (status) return BY_STATUS[status]?.(challenge) ?? new UpstreamError("http", `The server answered HTTP ${status}.`);
  if (error instanceof McpError) return fromMcpError(error);
  return fromNetwork(chain) ?? new UpstreamError("protocol", "The server did not respond as an MCP server.");
}
