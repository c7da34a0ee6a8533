import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : undefined;
};

/**
 * Stateless 2025-era SDK servers (one per path, `/<name>/mcp`, each with a `lookup` tool) behind
 * one loopback listener, as most published servers are: no sessions, and a GET answered 405. It
 * logs every HTTP request as `<verb> <JSON-RPC method>`, and can answer after a delay.
 */
export async function startLoggedServers(options: { latencyMs?: number } = {}) {
  const log: string[] = [];
  const http = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      log.push(`${request.method} ${(body as { method?: string } | undefined)?.method ?? ""}`.trim());
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      // As the SDK's stateless example: no stream of server messages without a session.
      if (request.method === "GET") return void response.writeHead(405, { allow: "POST" }).end();
      const server = new McpServer({ name: "logged", version: "1.0.0" });
      server.registerTool("lookup", { description: "Looks something up", inputSchema: {} }, async () => ({ content: [] }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on("close", () => void transport.close());
      await server.connect(transport);
      await transport.handleRequest(request, response, body);
    })();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url: (name: string) => `${base}/${name}/mcp`,
    log,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
