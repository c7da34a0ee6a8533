import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";

export type SdkTransport = "streamable" | "sse" | "websocket";

export interface SdkServerOptions {
  transport?: SdkTransport;
  /** Refuse (401) any request whose Authorization header is not exactly this. */
  requireAuthorization?: string;
  /** Tools to register on every session besides the defaults; return true to replace the defaults. */
  extraTools?: (server: McpServer, state: ServerState) => void;
  defaults?: boolean;
  /** Decides each request by its Authorization header (instead of requireAuthorization). */
  authorize?: (authorization: string | undefined) => Promise<boolean | Refusal>;
  /** The WWW-Authenticate value of a 401. */
  challenge?: () => string;
  /** JSON documents served under /.well-known/ (protected resource metadata). */
  wellKnown?: (path: string) => object | undefined;
  /** Where to listen: IPv4 loopback by default, or IPv6's `::1` (its URL is then `[::1]`). */
  host?: "127.0.0.1" | "::1";
  /** Streamable HTTP answers with a plain JSON body instead of an event stream. */
  jsonResponse?: boolean;
}

/** A refusal other than a plain 401: its status and WWW-Authenticate (a 403 insufficient_scope, say). */
export interface Refusal {
  status: 401 | 403;
  challenge: string;
}

export interface ServerState {
  calls: Record<string, number>;
  requestHeaders: IncomingMessage["headers"][];
  /** Each request's path and query, as it arrived. */
  requestUrls: string[];
  sessionsOpened: number;
  /** Each tools/call's arguments exactly as they arrived on the wire (streamable HTTP), before the SDK parses them. */
  receivedArguments: unknown[];
}

/**
 * An MCP server built with the SDK on loopback, for tests: `echo` (read-only), `write_note`
 * (write), `slow`, `fail` (a tool error) and whatever `extraTools` adds. It counts tool calls
 * and records request headers, can require a credential, and can change its tool list live.
 */
export async function startSdkServer(options: SdkServerOptions = {}) {
  const transportKind = options.transport ?? "streamable";
  const state: ServerState = { calls: {}, requestHeaders: [], requestUrls: [], sessionsOpened: 0, receivedArguments: [] };
  const servers = new Set<McpServer>();
  /** Every registered tool handle, per name, across sessions: for live changes. */
  const handles = new Map<string, Array<{ update: (changes: { description?: string }) => void; remove: () => void }>>();
  const track = (name: string, handle: { update: (changes: { description?: string }) => void; remove: () => void }) =>
    handles.set(name, [...(handles.get(name) ?? []), handle]);
  const removed = new Set<string>();
  const changedDescriptions = new Map<string, string>();
  const added: Array<{ name: string; description: string }> = [];
  const count = (name: string) => (state.calls[name] = (state.calls[name] ?? 0) + 1);

  const newServer = () => {
    const server = new McpServer({ name: "test-server", version: "1.0.0" }, { capabilities: { tools: { listChanged: true } } });
    if (options.defaults !== false) {
      server.registerTool(
        "echo",
        { description: "Echoes a message", inputSchema: { message: z.string() }, annotations: { readOnlyHint: true } },
        async ({ message }) => {
          count("echo");
          return { content: [{ type: "text", text: message }] };
        },
      );
      server.registerTool("write_note", { description: "Stores a note", inputSchema: { text: z.string().max(1000) } }, async ({ text }) => {
        count("write_note");
        return { content: [{ type: "text", text: `stored: ${text}` }] };
      });
      server.registerTool(
        "slow",
        { description: "Answers after ms milliseconds", inputSchema: { ms: z.number() }, annotations: { readOnlyHint: true } },
        async ({ ms }) => {
          count("slow");
          await new Promise((resolve) => setTimeout(resolve, ms));
          return { content: [{ type: "text", text: "done" }] };
        },
      );
      server.registerTool("fail", { description: "Always fails", inputSchema: {} }, async () => {
        count("fail");
        return { isError: true, content: [{ type: "text", text: "the tool failed on purpose" }] };
      });
    }
    for (const tool of added) registerAdded(server, tool);
    options.extraTools?.(server, state);
    // Later sessions see the same tool list as earlier ones after live changes.
    const registered = (server as unknown as { _registeredTools: Record<string, { update: (c: object) => void; remove: () => void }> })
      ._registeredTools;
    for (const [name, handle] of Object.entries(registered)) {
      if (removed.has(name)) handle.remove();
      else {
        if (changedDescriptions.has(name)) handle.update({ description: changedDescriptions.get(name) });
        track(name, handle);
      }
    }
    servers.add(server);
    return server;
  };
  const registerAdded = (server: McpServer, tool: { name: string; description: string }) =>
    server.registerTool(tool.name, { description: tool.description, inputSchema: {} }, async () => {
      count(tool.name);
      return { content: [{ type: "text", text: tool.name }] };
    });

  const authorized = async (request: IncomingMessage) =>
    options.authorize
      ? options.authorize(request.headers.authorization)
      : !options.requireAuthorization || request.headers.authorization === options.requireAuthorization;

  const streamable = new Map<string, StreamableHTTPServerTransport>();
  const sse = new Map<string, SSEServerTransport>();

  const serveStreamable = async (request: IncomingMessage, response: ServerResponse) => {
    const sessionId = request.headers["mcp-session-id"] as string | undefined;
    let transport = sessionId ? streamable.get(sessionId) : undefined;
    if (sessionId && !transport) return void response.writeHead(404).end("unknown session");
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        enableJsonResponse: options.jsonResponse === true,
        onsessioninitialized: (id) => {
          state.sessionsOpened += 1;
          streamable.set(id, transport!);
        },
      });
      await newServer().connect(transport);
    }
    if (request.method !== "POST") return transport.handleRequest(request, response);
    const body = receivedBody(await text(request));
    if (body === undefined) return void response.writeHead(400).end("not JSON");
    return transport.handleRequest(request, response, body);
  };
  /** JSON.parse keeps keys such as `__proto__` as plain data, which the SDK's own parsing would drop. */
  const receivedBody = (raw: string) => {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return undefined;
    }
    for (const message of [body].flat() as Array<{ method?: string; params?: { arguments?: unknown } }>)
      if (message?.method === "tools/call") state.receivedArguments.push(message.params?.arguments);
    return body;
  };
  const serveSse = async (url: URL, request: IncomingMessage, response: ServerResponse) => {
    if (url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", response);
      state.sessionsOpened += 1;
      sse.set(transport.sessionId, transport);
      return newServer().connect(transport);
    }
    const transport = url.pathname === "/messages" ? sse.get(url.searchParams.get("sessionId") ?? "") : undefined;
    if (!transport) return void response.writeHead(404).end();
    return transport.handlePostMessage(request, response);
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    state.requestHeaders.push(request.headers);
    const url = new URL(request.url ?? "/", "http://localhost");
    state.requestUrls.push(url.pathname + url.search);
    const document = url.pathname.startsWith("/.well-known/") ? options.wellKnown?.(url.pathname) : undefined;
    if (document) return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(document));
    const verdict = await authorized(request);
    if (verdict !== true) {
      const { status, challenge } = verdict === false ? { status: 401, challenge: options.challenge?.() ?? "Bearer" } : verdict;
      return void response.writeHead(status, { "www-authenticate": challenge }).end("upstream secret body: 10.1.2.3");
    }
    if (transportKind === "streamable" && url.pathname === "/mcp") return serveStreamable(request, response);
    if (transportKind === "sse") return serveSse(url, request, response);
    response.writeHead(404).end();
  };
  const http = createServer((request, response) => void handle(request, response));

  let wss: WebSocketServer | undefined;
  if (transportKind === "websocket") {
    wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has("mcp") ? "mcp" : false) });
    http.on("upgrade", (request, socket, head) => {
      state.requestHeaders.push(request.headers);
      void authorized(request).then((allowed) => {
        if (allowed !== true) return void socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
        wss!.handleUpgrade(request, socket, head, (ws) => {
          state.sessionsOpened += 1;
          void newServer().connect(new ServerWebSocketTransport(ws));
        });
      });
    });
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => http.listen(0, host, resolve));
  const { port } = http.address() as AddressInfo;
  const path = { streamable: "/mcp", sse: "/sse", websocket: "/ws" }[transportKind];
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: `${transportKind === "websocket" ? "ws" : "http"}://${authority}${path}`,
    httpUrl: `http://${authority}${path}`,
    state,
    /** Adds a tool on every open session; the SDK announces notifications/tools/list_changed. */
    addTool(name: string, description = `Added ${name}`) {
      added.push({ name, description });
      for (const server of servers) registerAdded(server, { name, description });
    },
    /** Changes a tool's description on every session (a silently changed tool). */
    changeTool(name: string, description: string) {
      changedDescriptions.set(name, description);
      for (const handle of handles.get(name) ?? []) handle.update({ description });
    },
    removeTool(name: string) {
      removed.add(name);
      for (const handle of handles.get(name) ?? []) handle.remove();
      handles.delete(name);
    },
    /** Forgets every session, as a restarted server would (clients get 404 and must re-initialise). */
    dropSessions() {
      streamable.clear();
    },
    /**
     * Restarts in place, as a redeployed server would: every connection is cut (calls in flight
     * included), every session forgotten, and the same address answers new ones.
     */
    async restart() {
      const running = [...servers];
      servers.clear();
      streamable.clear();
      sse.clear();
      for (const client of wss?.clients ?? []) client.terminate();
      http.closeAllConnections();
      await Promise.all(running.map((server) => server.close().catch(() => undefined)));
    },
    async close() {
      for (const server of servers) await server.close().catch(() => undefined);
      wss?.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export type SdkServer = Awaited<ReturnType<typeof startSdkServer>>;

async function text(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The server side of MCP over WebSocket (the SDK ships only a client side). */
class ServerWebSocketTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  constructor(private readonly socket: WebSocket) {}
  async start() {
    this.socket.on("message", (data: Buffer) => this.onmessage?.(JSONRPCMessageSchema.parse(JSON.parse(data.toString()))));
    this.socket.on("close", () => this.onclose?.());
    this.socket.on("error", (error) => this.onerror?.(error));
  }
  async send(message: JSONRPCMessage) {
    this.socket.send(JSON.stringify(message));
  }
  async close() {
    this.socket.close();
  }
}
