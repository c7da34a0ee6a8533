import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP server on a loopback address that counts every TCP connection it accepts, so a test
 * can prove that a refused request never connected.
 */
export async function startTrap(host = "127.0.0.1", handler?: (request: IncomingMessage, response: ServerResponse) => void) {
  let connections = 0;
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    if (handler) return handler(request, response);
    response.writeHead(200, { "content-type": "text/plain" }).end("trap");
  });
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
