import type { Transport } from "../servers/server.js";

/** Where and how to reach one MCP server for one caller: the headers are already rendered. */
export interface McpTarget {
  readonly tenantId: string;
  readonly serverId: string;
  readonly url: string;
  readonly transport: Transport;
  readonly headers: Readonly<Record<string, string>>;
  /** The headers carry a token made for this request alone: connect, use, close; never pool it. */
  readonly ephemeral?: boolean;
}

/** A tool as an MCP server lists it (`tools/list`). */
export interface McpToolDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
}

/** The result of `tools/call`, as JSON; `isError: true` is a tool's own failure, not ours. */
export interface McpToolResult {
  readonly content: unknown[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
}

/** Talking to remote MCP servers. Failures are `UpstreamError`s with messages safe to show. */
export interface McpConnector {
  listTools(target: McpTarget): Promise<McpToolDefinition[]>;
  callTool(target: McpTarget, name: string, args: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<McpToolResult>;
}
