import { Agent, fetch as undiciFetch } from "undici";
import { DEFAULT_LIMITS, OutboundTooLargeError, type SafeFetch, type SafeFetchLimits } from "./fetch-limits.js";
import { type OutboundGuard, OutboundRefusedError } from "./outbound-guard.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that may follow a redirect to another origin; credentials and custom headers may not. */
const PORTABLE_HEADERS = new Set(["accept", "accept-language", "content-type", "user-agent", "mcp-protocol-version"]);

/**
 * The one way the service reaches the outside: every URL checked, every resolved address
 * checked and pinned, redirects re-checked hop by hop (credentials dropped across origins),
 * timeouts and size caps on every response.
 */
export function createSafeFetch(guard: OutboundGuard, limits: Partial<SafeFetchLimits> = {}): SafeFetch {
  const { timeoutMs, idleTimeoutMs, maxResponseBytes, maxStreamBytes, maxRedirects } = { ...DEFAULT_LIMITS, ...limits };
  const dispatcher = new Agent({
    connect: { lookup: guard.lookup as never, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: idleTimeoutMs,
  });

  return async function safeFetch(input, init = {}) {
    let url = new URL(input);
    let request: RequestInit = init;
    for (let hop = 0; ; hop++) {
      guard.checkUrl(url);
      // A signal of its own, following the caller's: undici hangs a listener on the signal it is given until the
      // request is collected, and the SDK gives every request of a pooled client the same one (thousands, under load).
      const signal = request.signal ? AbortSignal.any([request.signal]) : undefined;
      const response = await undiciFetch(url, { ...(request as object), signal, redirect: "manual", dispatcher }).then(
        (received) => received as unknown as Response,
        (error: Error) => {
          // undici reports a refusal from our lookup as "fetch failed"; surface the refusal itself.
          throw error.cause instanceof OutboundRefusedError ? error.cause : error;
        },
      );
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || !location) return capped(response, maxResponseBytes, maxStreamBytes);
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new OutboundRefusedError("Outbound request refused: too many redirects");
      const next = new URL(location, url);
      request = redirected(request, response.status, url.origin !== next.origin);
      url = next;
    }
  };
}

function redirected(request: RequestInit, status: number, crossOrigin: boolean): RequestInit {
  const method = (request.method ?? "GET").toUpperCase();
  const keepsBody = status === 307 || status === 308;
  if (keepsBody && request.body instanceof ReadableStream)
    throw new OutboundRefusedError("Outbound request refused: cannot replay a streamed body after a redirect");
  const headers = new Headers(request.headers);
  if (crossOrigin) for (const name of [...headers.keys()]) if (!PORTABLE_HEADERS.has(name)) headers.delete(name);
  if (!keepsBody) headers.delete("content-type");
  return keepsBody ? { ...request, headers } : { ...request, method: method === "HEAD" ? "HEAD" : "GET", body: null, headers };
}

/** Re-wraps the body so that reading past the cap fails instead of filling memory. */
function capped(response: Response, maxBytes: number, maxStreamBytes: number): Response {
  if (!response.body) return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  const isStream = (response.headers.get("content-type") ?? "").includes("text/event-stream");
  const cap = isStream ? maxStreamBytes : maxBytes;
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > cap) {
    void response.body.cancel();
    throw new OutboundTooLargeError(cap);
  }
  let seen = 0;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > cap) controller.error(new OutboundTooLargeError(cap));
        else controller.enqueue(chunk);
      },
    }),
  );
  const nullBody = response.status === 204 || response.status === 304;
  return new Response(nullBody ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
