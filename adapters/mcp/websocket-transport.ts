import { type JSONRPCMessage, parseJSONRPCMessage, type Transport } from "@modelcontextprotocol/client";
import WebSocket from "ws";
import type { OutboundGuard } from "../http/outbound-guard.js";

/**
 * MCP over WebSocket (subprotocol `mcp`). The SDK's own client transport uses the global
 * WebSocket, which cannot send headers (so no credentials) and is missing on Node 20; this one
 * uses `ws`, sends the rendered headers, and connects only to addresses the guard allows.
 */
export class GuardedWebSocketTransport implements Transport {
  private socket?: WebSocket;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  constructor(
    private readonly url: URL,
    private readonly headers: Record<string, string>,
    private readonly guard: OutboundGuard,
    private readonly limits: { timeoutMs: number; maxMessageBytes: number },
  ) {}

  async start(): Promise<void> {
    this.guard.checkUrl(this.url);
    const socket = new WebSocket(this.url, "mcp", {
      headers: this.headers,
      lookup: this.guard.lookup as never,
      handshakeTimeout: this.limits.timeoutMs,
      maxPayload: this.limits.maxMessageBytes,
      followRedirects: false,
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("unexpected-response", (_request, response) =>
        reject(Object.assign(new Error("WebSocket upgrade refused"), { code: response.statusCode })),
      );
      socket.once("error", reject);
    });
    socket.on("error", (error) => this.onerror?.(error));
    socket.on("close", () => this.onclose?.());
    socket.on("message", (data: Buffer) => {
      try {
        this.onmessage?.(parseJSONRPCMessage(JSON.parse(data.toString())));
      } catch (error) {
        this.onerror?.(error as Error);
      }
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.socket?.readyState !== WebSocket.OPEN) throw new Error("Not connected");
    await new Promise<void>((resolve, reject) =>
      this.socket!.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve())),
    );
  }

  async close(): Promise<void> {
    this.socket?.close();
  }
}
