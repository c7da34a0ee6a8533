import { createHash } from "node:crypto";
import type { Client } from "@modelcontextprotocol/client";
import type { ForwardedMethod, McpConnector, McpTarget, McpToolResult, UpstreamRelay } from "../../domain/ports/mcp-connector.js";
import type { KnownProtocol } from "../../domain/servers/server.js";
import type { AuthChallenge } from "../../domain/shared/upstream-error.js";
import { ProtocolEras } from "./protocol-eras.js";
import { isConnectionBroken, isLostSession, mayBeWrongEra, maySendAgain, sanitizeUpstreamError } from "./sanitize-error.js";
import type { TransportDeps } from "./transports.js";
import { toolsAsListed } from "./tools-as-listed.js";
import { connectUpstream } from "./upstream-client.js";

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
  server: string;
}

const serverKey = ({ tenantId, serverId }: Pick<McpTarget, "tenantId" | "serverId">) => `${tenantId}/${serverId}`;

/**
 * MCP clients from the SDK, kept connected per (server, credential fingerprint) so a warm
 * process does not re-handshake on every call. A client is never shared between credentials:
 * the fingerprint covers the URL, transport and every rendered header. A request whose server
 * talks back (log messages, requests for input) gets a client of its own, so nothing it hears
 * reaches another caller.
 */
export class McpClientPool implements McpConnector {
  private readonly entries = new Map<string, Entry>();
  /** The last 401/403 challenge per pooled credential, until the failure it explains is reported. */
  private readonly challenges = new Map<string, AuthChallenge>();
  private readonly eras = new ProtocolEras();
  private readonly sweeper: NodeJS.Timeout;
  private readonly idleMs: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: ClientPoolOptions) {
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.sweeper = setInterval(() => void this.evictIdle(), Math.max(1000, this.idleMs / 2));
    this.sweeper.unref();
  }

  /** A listing that fails as if the recorded era were wrong is tried once more, probing (listing twice is harmless). */
  async listTools(target: McpTarget): Promise<unknown[]> {
    try {
      return await this.listOnce(target);
    } catch (error) {
      if (!target.protocol || !mayBeWrongEra(error)) throw error;
      return this.listOnce({ ...target, protocol: undefined });
    }
  }

  private listOnce(target: McpTarget): Promise<unknown[]> {
    return this.withClient(target, undefined, { sentMayHaveRun: false }, (client) =>
      toolsAsListed(client, { timeout: this.requestTimeoutMs }),
    );
  }

  callTool(
    target: McpTarget,
    name: string,
    args: Record<string, unknown>,
    options: { timeoutMs?: number; relay?: UpstreamRelay } = {},
  ): Promise<McpToolResult> {
    const { relay } = options;
    // A call cut off after it was sent may have run: it is never sent again behind the agent's back.
    return this.withClient(target, relay, { sentMayHaveRun: true }, async (client) => {
      const result = await client.callTool(
        { name, arguments: args },
        {
          timeout: options.timeoutMs ?? this.requestTimeoutMs,
          ...(relay?.progress ? { onprogress: relay.progress } : {}),
        },
      );
      return result as McpToolResult;
    });
  }

  forward(target: McpTarget, method: ForwardedMethod, params: Record<string, unknown>, options: { relay?: UpstreamRelay } = {}) {
    return this.withClient(target, options.relay, { sentMayHaveRun: false }, async (client) => {
      const result = await client.request({ method, params } as never, { timeout: this.requestTimeoutMs });
      return result;
    });
  }

  capabilities(target: McpTarget): Promise<Record<string, unknown>> {
    return this.withClient(
      target,
      undefined,
      { sentMayHaveRun: false },
      async (client) => (client.getServerCapabilities() ?? {}) as Record<string, unknown>,
    );
  }

  protocolOf(url: string): KnownProtocol | undefined {
    return this.eras.get(url);
  }

  /** How many clients are connected (or connecting) now. */
  get size(): number {
    return this.entries.size;
  }

  async evictIdle(now = Date.now()): Promise<void> {
    for (const [key, entry] of this.entries) if (now - entry.lastUsed >= this.idleMs) await this.drop(key);
  }

  async forget(tenantId: string, serverId: string): Promise<void> {
    const server = serverKey({ tenantId, serverId });
    await Promise.all([...this.entries].filter(([, entry]) => entry.server === server).map(([key]) => this.drop(key)));
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.entries.keys()].map((key) => this.drop(key)));
  }

  /**
   * Runs `work` on a pooled client; a session that expired or a connection that closed is
   * reconnected once and the work sent again, unless it `sentMayHaveRun` (a tool call): then
   * only a server's "unknown session" (404, refused before running anything) sends it again.
   */
  private async withClient<T>(
    target: McpTarget,
    relay: UpstreamRelay | undefined,
    { sentMayHaveRun }: { sentMayHaveRun: boolean },
    work: (client: Client) => Promise<T>,
  ): Promise<T> {
    if (target.ephemeral || relay?.log || relay?.ask) return this.once(target, relay, work);
    const key = fingerprint(target);
    try {
      return await work(await this.acquire(key, target));
    } catch (error) {
      if (!maySendAgain(error, { sentMayHaveRun })) {
        if (isLostSession(error) || notWorthKeeping(target, error)) await this.drop(key);
        throw this.sanitized(key, target, error);
      }
      await this.drop(key);
      try {
        return await work(await this.acquire(key, target));
      } catch (retryError) {
        await this.drop(key);
        throw this.sanitized(key, target, retryError);
      }
    }
  }

  /** The failure as users may read it, with the WWW-Authenticate challenge the refusal carried, if any. */
  private sanitized(key: string, target: McpTarget, error: unknown) {
    const challenge = this.challenges.get(key);
    this.challenges.delete(key);
    if (notWorthKeeping(target, error)) this.eras.forget(target.url);
    return sanitizeUpstreamError(error, challenge);
  }

  /** A client for one piece of work, closed after it: a token made for this request alone, or a server that talks back. */
  private async once<T>(target: McpTarget, relay: UpstreamRelay | undefined, work: (client: Client) => Promise<T>): Promise<T> {
    let client: Client | undefined;
    let challenge: AuthChallenge | undefined;
    try {
      client = await this.connect(target, (seen) => (challenge = seen), relay);
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
    this.entries.set(key, { client, lastUsed: Date.now(), server: serverKey(target) });
    client.catch(() => this.entries.get(key)?.client === client && this.entries.delete(key));
    return client;
  }

  private connect(target: McpTarget, onChallenge: (challenge: AuthChallenge) => void, relay?: UpstreamRelay): Promise<Client> {
    return connectUpstream(target, {
      transport: this.options.transport,
      eras: this.eras,
      timeoutMs: this.requestTimeoutMs,
      onChallenge,
      onToolsChanged: () => this.options.onToolsChanged?.({ tenantId: target.tenantId, serverId: target.serverId }),
      ...(relay ? { relay } : {}),
    });
  }

  private async drop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    await entry?.client.then((client) => client.close()).catch(() => undefined);
  }
}

/** A client that started from a recorded era and was refused: the record may be out of date. */
const eraInDoubt = (target: McpTarget, error: unknown) => target.protocol !== undefined && mayBeWrongEra(error);

/** After such a failure neither the pooled client nor what was recorded of the server's era is worth keeping. */
const notWorthKeeping = (target: McpTarget, error: unknown) => isConnectionBroken(error) || eraInDoubt(target, error);

function fingerprint({ tenantId, serverId, url, transport, headers }: McpTarget): string {
  const sortedHeaders = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => a!.localeCompare(b!));
  return createHash("sha256")
    .update(JSON.stringify([tenantId, serverId, url, transport, sortedHeaders]))
    .digest("base64url");
}
