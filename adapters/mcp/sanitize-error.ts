import {
  ProtocolError,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  InsufficientScopeError,
  SseError,
  UnauthorizedError,
} from "@modelcontextprotocol/client";
import { type AuthChallenge, UpstreamError } from "../../domain/shared/upstream-error.js";
import { OutboundRefusedError } from "../http/outbound-guard.js";
import { OutboundTooLargeError } from "../http/fetch-limits.js";

/** What the transport's refusal to step up or re-authenticate by itself (it has no auth provider) stands for. */
const refusalStatus = (error: unknown, challenge?: AuthChallenge): number | undefined => {
  if (error instanceof InsufficientScopeError) return 403;
  if (error instanceof UnauthorizedError) return challenge?.error === "insufficient_scope" ? 403 : 401;
  return undefined;
};

const httpStatusOf = (error: unknown, challenge?: AuthChallenge): number | undefined => {
  if (error instanceof SdkHttpError) return error.status;
  if (error instanceof SseError) return typeof error.code === "number" && error.code > 0 ? error.code : undefined;
  const code = (error as { code?: unknown })?.code;
  return typeof code === "number" && code >= 100 && code < 600 ? code : refusalStatus(error, challenge);
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
const isTooLarge = (error: unknown) => error instanceof OutboundTooLargeError || /Outbound response too large/.test(messageOf(error));

const BY_STATUS: Record<number, (challenge?: AuthChallenge) => UpstreamError> = {
  401: (challenge) => new UpstreamError("unauthorized", "The server rejected the credentials (HTTP 401).", challenge),
  403: (challenge) => new UpstreamError("forbidden", "The server refused access (HTTP 403).", challenge),
  404: () => new UpstreamError("http", "The server has no MCP endpoint at this URL (HTTP 404)."),
};

function fromSdkError(error: SdkError): UpstreamError | undefined {
  if (error.code === SdkErrorCode.RequestTimeout) return new UpstreamError("timeout", "The server did not answer in time.");
  if (error.code === SdkErrorCode.ConnectionClosed) return new UpstreamError("unreachable", "The server closed the connection.");
  return undefined;
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
 * read: what went wrong, never the upstream's body or the address it resolved to. An MCP error
 * the server answered keeps its JSON-RPC code, so a proxy can answer with the same.
 */
export function sanitizeUpstreamError(error: unknown, challenge?: AuthChallenge): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const chain = causes(error);
  if (chain.some(isRefusal)) return new UpstreamError("refused", "The server's address is not allowed by the outbound policy.");
  if (chain.some(isTooLarge)) return new UpstreamError("too_large", "The server's response was too large to accept.");
  const status = httpStatusOf(error, challenge);
  if (status) return BY_STATUS[status]?.(challenge) ?? new UpstreamError("http", `The server answered HTTP ${status}.`);
  if (error instanceof ProtocolError)
    return new UpstreamError("protocol", `The server returned an MCP error (${error.code}).`, undefined, error.code);
  const known = error instanceof SdkError ? fromSdkError(error) : undefined;
  return known ?? fromNetwork(chain) ?? new UpstreamError("protocol", "The server did not respond as an MCP server.");
}

/** The server answered "no such session" (it restarted, or expired the session): start a new one. */
export const isLostSession = (error: unknown) =>
  isSessionRefused(error) || (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed);

/** The server answered "unknown session" (404): it refused the request before running anything. */
const isSessionRefused = (error: unknown) => httpStatusOf(error) === 404;

/**
 * Whether a request that failed so is sent again on a new connection: after a lost session,
 * unless it `sentMayHaveRun` (a tool call cut off mid-run); only a refused session proves it did not run.
 */
export const maySendAgain = (error: unknown, { sentMayHaveRun }: { sentMayHaveRun: boolean }) =>
  isLostSession(error) && (!sentMayHaveRun || isSessionRefused(error));

/** A failure after which the pooled client is not worth keeping. */
export const isConnectionBroken = (error: unknown) =>
  !(error instanceof ProtocolError) && !(error instanceof SdkError && error.code !== SdkErrorCode.RequestTimeout);

/**
 * A refusal of the protocol itself (an HTTP or MCP error), not a server that is down, slow or
 * refusing the credential: what a server answers a client that speaks to it in the wrong era.
 */
export function mayBeWrongEra(error: unknown): boolean {
  const { kind } = sanitizeUpstreamError(error);
  return kind === "http" || kind === "protocol";
}
