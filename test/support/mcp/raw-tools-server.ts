import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createMcpHandler, Server as ModernServer } from "@modelcontextprotocol/server";
import { Server as LegacyServer } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { serveFetch } from "../../../functions/http/serve-fetch.js";
import type { Era } from "./clients.js";

/** A call as it reached the server: the tool name it was asked for, exactly. */
export interface RawCall {
  name: string;
  arguments: Record<string, unknown>;
}

const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : undefined;
};

/**
 * A server of one protocol era that lists whatever `tools` holds, as it is (no SDK tool
 * registration to tidy it: the odd schemas and names published servers send), and answers
 * every call with the name it was called by. Stateless, as most published servers are.
 */
export async function startRawToolsServer(era: Era, initialTools: unknown[]) {
  const server = { tools: initialTools, calls: [] as RawCall[] };
  const answer = (name: string, args: Record<string, unknown> | undefined) => {
    server.calls.push({ name, arguments: args ?? {} });
    return { content: [{ type: "text" as const, text: `called ${name}` }] };
  };
  const http: { listener: Server; close?: () => Promise<void> } =
    era === "2025-11-25" ? legacyListener(server, answer) : modernListener(server, answer);
  await new Promise<void>((resolve) => http.listener.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.listener.address() as AddressInfo).port}/mcp`,
    /** Every call received, in order. */
    calls: server.calls,
    /** What the next tools/list answers. */
    setTools(tools: unknown[]) {
      server.tools = tools;
    },
    async close() {
      await http.close?.();
      http.listener.closeAllConnections();
      await new Promise<void>((resolve) => http.listener.close(() => resolve()));
    },
  };
}

type Answer = (name: string, args: Record<string, unknown> | undefined) => { content: Array<{ type: "text"; text: string }> };

/** The 2025-11-25 era: the v1 SDK's low-level server, a fresh one per request. */
function legacyListener(state: { tools: unknown[] }, answer: Answer) {
  const listener = createServer((request, response) => {
    void (async () => {
      if (request.method !== "POST") return void response.writeHead(405, { allow: "POST" }).end();
      const server = new LegacyServer({ name: "raw-tools", version: "1.0.0" }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: state.tools as never }));
      server.setRequestHandler(CallToolRequestSchema, async ({ params }) => answer(params.name, params.arguments));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on("close", () => void transport.close());
      await server.connect(transport);
      await transport.handleRequest(request, response, await bodyOf(request));
    })();
  });
  return { listener };
}

/** The 2026-07-28 era only: the v2 SDK's low-level server, 2025 requests refused. */
function modernListener(state: { tools: unknown[] }, answer: Answer) {
  const build = () => {
    const server = new ModernServer({ name: "raw-tools", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler("tools/list", async () => ({ tools: state.tools as never }));
    server.setRequestHandler("tools/call", async ({ params }) => answer(params.name, params.arguments));
    return server;
  };
  const handler = createMcpHandler(build, { legacy: "reject" });
  const listener = createServer((request, response) => void serveFetch(request, response, (fetchRequest) => handler.fetch(fetchRequest)));
  return { listener, close: () => handler.close() };
}
