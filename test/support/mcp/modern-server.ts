import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createMcpHandler, Server } from "@modelcontextprotocol/server";
import { serveFetch } from "../../../functions/http/serve-fetch.js";

/**
 * A server of the 2026-07-28 era only (the v2 SDK with 2025 requests refused): `server/discover`,
 * no sessions, per-request `_meta`. It counts discover probes and calls, to show a client
 * speaks this era and probes once.
 */
export async function startModernServer(options: { latencyMs?: number } = {}) {
  const counts = { discover: 0, legacy: 0, calls: 0, requests: 0 };
  const build = () => {
    const server = new Server({ name: "modern-upstream", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler("tools/list", async () => ({
      tools: [
        {
          name: "whoami",
          description: "Says which protocol era the request came in",
          inputSchema: { type: "object", properties: {} },
          annotations: { readOnlyHint: true },
        },
      ],
    }));
    server.setRequestHandler("tools/call", async () => {
      counts.calls += 1;
      return { content: [{ type: "text", text: `modern era, protocol ${server.getNegotiatedProtocolVersion() ?? "?"}` }] };
    });
    return server;
  };
  const handler = createMcpHandler(build, { legacy: "reject" });
  const http = createServer((request, response) => {
    void serveFetch(request, response, async (fetchRequest) => {
      const body = (await fetchRequest
        .clone()
        .json()
        .catch(() => ({}))) as { method?: string };
      counts.requests += 1;
      if (body.method === "server/discover") counts.discover += 1;
      if (body.method === "initialize") counts.legacy += 1;
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return handler.fetch(fetchRequest);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    /** The same server under another path: as many distinct servers as a benchmark needs, on one listener. */
    urlFor: (name: string) => `http://127.0.0.1:${(http.address() as AddressInfo).port}/${name}/mcp`,
    counts,
    async close() {
      await handler.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
