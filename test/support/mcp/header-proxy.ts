import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback reverse proxy that adds headers to every request (the conformance suite and some
 * clients cannot send a bearer token themselves). The Host header passes through unchanged.
 */
export async function startHeaderProxy(target: string, headers: Record<string, string>) {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: { ...incoming.headers, ...headers },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on("error", () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
    outgoing.on("close", () => proxied.destroy());
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
