import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import type { SocketEvent, SocketResult } from "../../../functions/ws/socket-event.js";

export interface SocketRoutes {
  connect: (event: SocketEvent) => Promise<SocketResult>;
  message: (event: SocketEvent) => Promise<SocketResult>;
  disconnect: (event: SocketEvent) => Promise<SocketResult>;
}

const STAGE = "test";

/**
 * A loopback stand-in for an API Gateway WebSocket API: real WebSocket clients connect to it,
 * and it turns their frames into the events API Gateway gives Lambda ($connect, $default,
 * $disconnect). Its management API speaks API Gateway's protocol (`POST`/`DELETE`/`GET`
 * `/<stage>/@connections/{id}`, 410 GoneException for a connection it no longer holds).
 */
export async function startApiGatewayWebSocket(routes: SocketRoutes) {
  const sockets = new Map<string, WebSocket>();
  const posts: Array<{ connectionId: string; message: any }> = [];
  /** Handler failures (API Gateway would log them and carry on). */
  const failures: unknown[] = [];
  const server = createServer((request, response) => void manage(request, response));
  const upgrades = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
  let port = 0;

  const event = (
    routeKey: string,
    eventType: "CONNECT" | "MESSAGE" | "DISCONNECT",
    connectionId: string,
    extra: object = {},
  ): SocketEvent => ({
    requestContext: {
      routeKey,
      eventType,
      messageId: randomBytes(6).toString("base64"),
      extendedRequestId: randomBytes(6).toString("hex"),
      requestTime: new Date().toUTCString(),
      messageDirection: "IN",
      stage: STAGE,
      connectedAt: Date.now(),
      requestTimeEpoch: Date.now(),
      requestId: randomBytes(6).toString("hex"),
      domainName: `127.0.0.1:${port}`,
      connectionId,
      apiId: "loopback",
    },
    isBase64Encoded: false,
    ...extra,
  });

  server.on("upgrade", (request: IncomingMessage, socket, head) => {
    // API Gateway connection ids look like "L0SM9cOFvHcCIhw=".
    const connectionId = randomBytes(10).toString("base64");
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    void routes.connect(event("$connect", "CONNECT", connectionId, { headers })).then((result) => {
      if (result.statusCode !== 200) {
        socket.end(`HTTP/1.1 ${result.statusCode} Refused\r\n\r\n`);
        return;
      }
      upgrades.handleUpgrade(request, socket, head, (ws) => {
        sockets.set(connectionId, ws);
        // API Gateway runs one invocation per frame; these run in order per connection, as a client's frames arrive.
        let queue = Promise.resolve();
        ws.on("message", (data) => {
          queue = queue.then(() =>
            routes.message(event("$default", "MESSAGE", connectionId, { body: (data as Buffer).toString("utf8") })).then(
              () => undefined,
              (error: unknown) => void failures.push(error),
            ),
          );
        });
        ws.on("close", () => {
          if (sockets.delete(connectionId)) void queue.then(() => routes.disconnect(event("$disconnect", "DISCONNECT", connectionId)));
        });
      });
    });
  });

  async function manage(request: IncomingMessage, response: ServerResponse) {
    const match = /^\/[^/]+\/@connections\/([^/]+)$/.exec(request.url ?? "");
    const connectionId = match ? decodeURIComponent(match[1]!) : "";
    const socket = sockets.get(connectionId);
    if (!match) return void response.writeHead(404).end();
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      response.writeHead(410, { "content-type": "application/json", "x-amzn-errortype": "GoneException" });
      return void response.end(JSON.stringify({ message: null }));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method === "POST") {
      const body = Buffer.concat(chunks).toString("utf8");
      posts.push({ connectionId, message: JSON.parse(body) });
      socket.send(body);
    } else if (request.method === "DELETE") {
      sockets.delete(connectionId);
      socket.close();
      void routes.disconnect(event("$disconnect", "DISCONNECT", connectionId));
    }
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/${STAGE}`,
    managementEndpoint: `http://127.0.0.1:${port}/${STAGE}`,
    sockets,
    posts,
    failures,
    /** Drops a connection the way a network does: API Gateway never reports it, so no `$disconnect`. */
    dropSilently(connectionId: string) {
      const socket = sockets.get(connectionId);
      sockets.delete(connectionId);
      socket?.terminate();
    },
    async close() {
      for (const socket of sockets.values()) socket.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
