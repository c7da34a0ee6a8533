import type { IncomingMessage, ServerResponse } from "node:http";

/** Serves a fetch-style handler on Node's http server (GET requests: no body to forward). */
export async function serveFetch(
  request: IncomingMessage,
  response: ServerResponse,
  handler: (request: Request) => Promise<Response>,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  const result = await handler(
    new Request(new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`), { method: request.method ?? "GET", headers }),
  );
  response.writeHead(result.status, Object.fromEntries(result.headers));
  response.end(Buffer.from(await result.arrayBuffer()));
}
