import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

/** The handler's response; a failure it did not handle is a bare 500 (never a crashed process, never its message). */
async function respond(handler: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
  try {
    return await handler(request);
  } catch (error) {
    console.error("unhandled request failure", error instanceof Error ? error.name : typeof error);
    return new Response("Internal error", { status: 500 });
  }
}

/**
 * Serves a fetch-style handler on Node's http server: the request body is passed on as a
 * stream, and the response body streams back as it is produced (server-sent events included).
 * A client that goes away aborts the request's signal.
 */
export async function serveFetch(
  request: IncomingMessage,
  response: ServerResponse,
  handler: (request: Request) => Promise<Response>,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  const gone = new AbortController();
  response.on("close", () => gone.abort());
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const result = await respond(
    handler,
    new Request(new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`), {
      method,
      headers,
      signal: gone.signal,
      ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream, duplex: "half" } : {}),
    }),
  );
  const outgoing: Record<string, string | string[]> = {};
  result.headers.forEach((value, name) => {
    if (name !== "set-cookie") outgoing[name] = value;
  });
  const cookies = result.headers.getSetCookie();
  if (cookies.length) outgoing["set-cookie"] = cookies;
  response.writeHead(result.status, outgoing);
  if (!result.body) return void response.end();
  response.flushHeaders();
  Readable.fromWeb(result.body as NodeReadableStream)
    .on("error", () => response.destroy())
    .pipe(response);
}
