import type { KnownProtocol, Transport } from "../servers/server.js";

/** Where and how to reach one MCP server for one caller: the headers are already rendered. */
export interface McpTarget {
  readonly tenantId: string;
  readonly serverId: string;
  readonly url: string;
  readonly transport: Transport;
  readonly headers: Readonly<Record<string, string>>;
  /** What the server was last found to speak (a hint that spares probing; wrong, it is probed again). */
  readonly protocol?: KnownProtocol;
  /** The headers carry a token made for this request alone: connect, use, close; never pool it. */
  readonly ephemeral?: boolean;
  /** A server generated from a connector descriptor: served in process, with these credential fields. */
  readonly generated?: {
    readonly connectorId: string;
    readonly revision: number;
    /** The connector instance: the connection whose credential it uses (rate limits count per instance). */
    readonly instance: string;
    readonly fields: Readonly<Record<string, string>>;
  };
}

/** A tool as an MCP server lists it (`tools/list`). */
export interface McpToolDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
}

/** The result of `tools/call`, as JSON; `isError: true` is a tool's own failure, not ours. */
export interface McpToolResult {
  readonly content: unknown[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
}

/** A request a server makes of its client while it works (elicitation, sampling, roots): asked of whoever called us. */
export interface ClientRequest {
  readonly method: "elicitation/create" | "sampling/createMessage" | "roots/list";
  readonly params: Record<string, unknown>;
}

/**
 * What a server says to its client during one request, passed on to the client that asked us:
 * progress, log messages, and requests for input. A relay that cannot pass something on leaves
 * that member out (a request it cannot ask is declined upstream).
 */
export interface UpstreamRelay {
  readonly progress?: (update: { progress: number; total?: number; message?: string }) => void;
  readonly log?: (message: { level: string; logger?: string; data: unknown }) => void;
  readonly ask?: (request: ClientRequest) => Promise<Record<string, unknown>>;
  /** The capabilities the asking client declared (elicitation, sampling, roots), declared upstream on its behalf. */
  readonly capabilities?: Readonly<Record<string, unknown>>;
}

/** The requests a per-server proxy passes through as they are (tools go through the platform's own rules). */
export const FORWARDED_METHODS = [
  "resources/list",
  "resources/templates/list",
  "resources/read",
  "resources/subscribe",
  "resources/unsubscribe",
  "prompts/list",
  "prompts/get",
  "completion/complete",
] as const;
export type ForwardedMethod = (typeof FORWARDED_METHODS)[number];

/** Talking to remote MCP servers, of either protocol era. Failures are `UpstreamError`s with messages safe to show. */
export interface McpConnector {
  /** The tools as the server listed them, unchecked: the platform judges each on its own (domain/tools/listed-tools.ts). */
  listTools(target: McpTarget): Promise<unknown[]>;
  callTool(
    target: McpTarget,
    name: string,
    args: Record<string, unknown>,
    options?: { timeoutMs?: number; relay?: UpstreamRelay },
  ): Promise<McpToolResult>;
  /** One forwarded request; an MCP error the server answered is an UpstreamError of kind `protocol` carrying its code. */
  forward(
    target: McpTarget,
    method: ForwardedMethod,
    params: Record<string, unknown>,
    options?: { relay?: UpstreamRelay },
  ): Promise<Record<string, unknown>>;
  /** What capabilities the server declared (resources, prompts, completions...), from its handshake or discovery. */
  capabilities(target: McpTarget): Promise<Record<string, unknown>>;
  /** Proves the server works with this credential beyond listing its tools (a connector's test endpoint); absent: listing is the proof. */
  verify?(target: McpTarget): Promise<void>;
  /** What this process has learnt the endpoint at `url` speaks, to be recorded for later (cold) processes. */
  protocolOf?(url: string): KnownProtocol | undefined;
  /** Drops whatever is kept for a server (pooled clients, generated instances): its credentials or definition changed, or it is gone. */
  forget(tenantId: string, serverId: string): Promise<void>;
}
