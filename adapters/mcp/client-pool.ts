import { createHash } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError, ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import type { McpConnector, McpTarget, McpToolDefinition, McpToolResult } from "../../domain/ports/mcp-connector.js";
import type { AuthChallenge } from "../../domain/shared/upstream-error.js";
import { sanitizeUpstreamError } from "./sanitize-error.js";
import { createTransport, type TransportDeps } from "./transports.js";

export interface ClientPoolOptions {
  transport: TransportDeps;
  /** A connected client unused this long is closed. */
  idleMs?: number;
  /** Per MCP request (tools/list, tools/call unless the call says otherwise). */
  requestTimeoutMs?: number;
  /** A server announced `notifications/tools/list_changed`. */
  onToolsChanged?: (target: Pick<McpTarget, "tenantId" | "serverId">) => void;
}

interface Entry {
  client: Promise<Client>;
  lastUsed: number;
}

const CLIENT_INFO = { name: "mcp-connector-control-plane", version: "0.1.0" };

/**
 * MCP clients from @modelcontextprotocol/sdk, kept connected per (server, credential
 * fingerprint) so a warm process does not re-handshake on every call. A client is never shared
 * between credentials: the fingerprint covers the URL, transport and every rendered header.
 */
export class McpClientPool implements McpConnector {
  private readonly entries = new Map<string, Entry>();
  /** The last 401/403 challenge per pooled credential, until the failure it explains is reported. */
  private readonly challenges = new Map<string, AuthChallenge>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly idleMs: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: ClientPoolOptions) {
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.sweeper = setInterval(() => void this.evictIdle(), Math.max(1000, this.idleMs / 2));
    this.sweeper.unref();
  }

  listTools(target: McpTarget): Promise<McpToolDefinition[]> {
    return this.withClient(target, async (client) => {
      const tools: McpToolDefinition[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : {}, { timeout: this.requestTimeoutMs });
        tools.push(...(page.tools as McpToolDefinition[]));
        cursor = page.nextCursor;
      } while (cursor && tools.length < 10_000);
      return tools;
    });
  }

  callTool(target: McpTarget, name: string, args: Record<string, unknown>, options: { timeoutMs?: number } = {}): Promise<McpToolResult> {
    return this.withClient(target, async (client) => {
      const result = await client.callTool({ name, arguments: args }, undefined, { timeout: options.timeoutMs ?? this.requestTimeoutMs });
      return result as McpToolResult;
    });
  }

  /** How many clients are connected (or connecting) now. */
  get size(): number {
    return this.entries.size;
  }

  async evictIdle(now = Date.now()): Promise<void> {
    for (const [key, entry] of this.entries) if (now - entry.lastUsed >= this.idleMs) await this.drop(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.entries.keys()].map((key) => this.drop(key)));
  }

  /** Runs `work` on a pooled client; a session that expired or a connection that closed is reconnected once. */
  private async withClient<T>(target: McpTarget, work: (client: Client) => Promise<T>): Promise<T> {
    if (target.ephemeral) return this.once(target, work);
    const key = fingerprint(target);
    try {
      return await work(await this.acquire(key, target));
    } catch (error) {
      if (!isLostSession(error)) {
        if (isConnectionBroken(error)) await this.drop(key);
        throw this.sanitized(key, error);
      }
      await this.drop(key);
      try {
        return await work(await this.acquire(key, target));
      } catch (retryError) {
        await this.drop(key);
        throw this.sanitized(key, retryError);
      }
    }
  }

  /** The failure as users may read it, with the WWW-Authenticate challenge the refusal carried, if any. */
  private sanitized(key: string, error: unknown) {
    const challenge = this.challenges.get(key);
    this.challenges.delete(key);
    return sanitizeUpstreamError(error, challenge);
  }

  /** A client for one piece of work, closed after it: its headers carry a token made for this request alone. */
  private async once<T>(target: McpTarget, work: (client: Client) => Promise<T>): Promise<T> {
    let client: Client | undefined;
    let challenge: AuthChallenge | undefined;
    try {
      client = await this.connect(target, (seen) => (challenge = seen));
      return await work(client);
    } catch (error) {
      throw sanitizeUpstreamError(error, challenge);
    } finally {
      await client?.close().catch(() => undefined);
    }
  }

  private acquire(key: string, target: McpTarget): Promise<Client> {
    const existing = this.entries.get(key);
    if (existing) {
      existing.lastUsed = Date.now();
      return existing.client;
    }
    const client = this.connect(target, (challenge) => this.challenges.set(key, challenge));
    this.entries.set(key, { client, lastUsed: Date.now() });
    client.catch(() => this.entries.get(key)?.client === client && this.entries.delete(key));
    return client;
  }

  private async connect(target: McpTarget, onChallenge: (challenge: AuthChallenge) => void): Promise<Client> {
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      this.options.onToolsChanged?.({ tenantId: target.tenantId, serverId: target.serverId });
    });
    const transport = await createTransport(target, this.options.transport, onChallenge);
    await client.connect(transport, { timeout: this.requestTimeoutMs });
    return client;
  }

  private async drop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    await entry?.client.then((client) => client.close()).catch(() => undefined);
  }
}

/** The server answered "no such session" (it restarted, or expired the session): start a new one. */
const isLostSession = (error: unknown) =>
  (error instanceof StreamableHTTPError && error.code === 404) ||
  (error instanceof McpError && error.code === (ErrorCode.ConnectionClosed as number));

/** A failure after which the pooled client is not worth keeping. */
const isConnectionBroken = (error: unknown) => !(error instanceof McpError) || error.code === (ErrorCode.RequestTimeout as number);

function fingerprint({ tenantId, serverId, url, transport, headers }: McpTarget): string {
  const sortedHeaders = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => a!.localeCompare(b!));
  return createHash("sha256")
    .update(JSON.stringify([tenantId, serverId, url, transport, sortedHeaders]))
    .digest("base64url");
}
