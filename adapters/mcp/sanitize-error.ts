import { SseError } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { UpstreamError } from "../../domain/shared/upstream-error.js";
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

/**
 * Turns whatever the SDK, undici or ws threw into an UpstreamError whose message a user may
 * read: what went wrong, never the upstream's body or the address it resolved to.
 */
export function sanitizeUpstreamError(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const chain = causes(error);
  // eventsource flattens errors into SseError's message, so our own refusal text is matched too.
  const refused = (each: unknown) =>
    each instanceof OutboundRefusedError || /Outbound (request|response) refused/.test((each as Error)?.message ?? "");
  if (chain.some(refused)) {
    return new UpstreamError("refused", "The server's address is not allowed by the outbound policy.");
  }
  const status = httpStatusOf(error);
  if (status === 401) return new UpstreamError("unauthorized", "The server rejected the credentials (HTTP 401).");
  if (status === 403) return new UpstreamError("forbidden", "The server refused access (HTTP 403).");
  if (status === 404) return new UpstreamError("http", "The server has no MCP endpoint at this URL (HTTP 404).");
  if (status) return new UpstreamError("http", `The server answered HTTP ${status}.`);
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) return new UpstreamError("timeout", "The server did not answer in time.");
    if (error.code === ErrorCode.ConnectionClosed) return new UpstreamError("unreachable", "The server closed the connection.");
    return new UpstreamError("protocol", `The server returned an MCP error (${error.code}).`);
  }
  const codes = chain.map((each) => String((each as { code?: unknown })?.code ?? (each as Error)?.name ?? ""));
  if (codes.some((code) => /TIMEOUT|AbortError|TimeoutError/i.test(code)))
    return new UpstreamError("timeout", "The server did not answer in time.");
  if (
    codes.some((code) => /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|UND_ERR_SOCKET/.test(code)) ||
    chain.some((each) => (each as Error)?.message === "fetch failed")
  ) {
    return new UpstreamError("unreachable", "Could not connect to the server.");
  }
  return new UpstreamError("protocol", "The server did not respond as an MCP server.");
}
