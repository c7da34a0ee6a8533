import { createHash } from "node:crypto";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import type { Descriptor } from "../../domain/connectors/descriptor.js";
import type { ForwardedMethod, McpConnector, McpTarget, McpToolResult } from "../../domain/ports/mcp-connector.js";
import { testRequestFor } from "../../domain/connectors/connector-requests.js";
import { notFound } from "../../domain/shared/errors.js";
import { UpstreamError } from "../../domain/shared/upstream-error.js";
import { sanitizeUpstreamError } from "../mcp/sanitize-error.js";
import { operationServer, type OperationServerDeps } from "./operation-server.js";

export interface GeneratedServersDeps extends OperationServerDeps {
  /** The descriptor of a connector at a revision (undefined: gone, or changed since). */
  descriptorOf(tenantId: string, connectorId: string, revision: number): Promise<Descriptor | undefined>;
}

interface Built {
  client: Promise<Client>;
  serverId: string;
}

type Generated = NonNullable<McpTarget["generated"]>;

/**
 * Servers generated from connector descriptors, as MCP servers in this process (the SDK's
 * server and client over an in-memory transport). One is kept per (tenant, connector, revision,
 * credential): a new revision or changed credentials build a new one, `forget` (credentials
 * changed, server deleted) drops them, and one built with a user's own credential is built for
 * its request alone and closed after it.
 */
export class GeneratedServers implements McpConnector {
  private readonly cache = new Map<string, Built>();
  /** How many servers were generated: tests and metrics observe rebuilds through it. */
  builds = 0;

  constructor(private readonly deps: GeneratedServersDeps) {}

  listTools(target: McpTarget): Promise<unknown[]> {
    return this.with(target, async (client) => (await client.listTools()).tools);
  }

  callTool(target: McpTarget, name: string, args: Record<string, unknown>): Promise<McpToolResult> {
    return this.with(target, async (client) => (await client.callTool({ name, arguments: args })) as McpToolResult);
  }

  forward(target: McpTarget, method: ForwardedMethod, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.with(target, async (client) => (await client.request({ method, params } as never)) as Record<string, unknown>);
  }

  capabilities(target: McpTarget): Promise<Record<string, unknown>> {
    return this.with(target, async (client) => (client.getServerCapabilities() ?? {}) as Record<string, unknown>);
  }

  /** `validateMcpServer` for a connector: its test endpoint, with the connection's credential, must answer the expected status. */
  async verify(target: McpTarget): Promise<void> {
    const { connectorId, revision, fields } = target.generated!;
    const descriptor = await this.deps.descriptorOf(target.tenantId, connectorId, revision);
    const test = descriptor ? testRequestFor(descriptor, fields) : undefined;
    if (!test) return;
    let status: number;
    try {
      const response = await this.deps.safeFetch(test.url, { method: test.method, headers: test.headers });
      await response.body?.cancel();
      status = response.status;
    } catch (error) {
      throw sanitizeUpstreamError(error);
    }
    if (status === test.expectedStatus) return;
    const kind = status === 401 ? "unauthorized" : status === 403 ? "forbidden" : "http";
    throw new UpstreamError(kind, `The test endpoint answered HTTP ${status} (expected ${test.expectedStatus}).`);
  }

  /** How many generated servers are kept now. */
  get size(): number {
    return this.cache.size;
  }

  async forget(tenantId: string, serverId: string): Promise<void> {
    const gone = [...this.cache].filter(([key, built]) => key.startsWith(`${tenantId}/`) && built.serverId === serverId);
    for (const [key] of gone) this.cache.delete(key);
    await Promise.all(gone.map(([, built]) => built.client.then((client) => client.close()).catch(() => undefined)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.cache.keys()].map((key) => this.forgetKey(key)));
  }

  private async with<T>(target: McpTarget, work: (client: Client) => Promise<T>): Promise<T> {
    const generated = target.generated!;
    if (target.ephemeral) {
      const client = await this.build(target, generated);
      try {
        return await work(client);
      } catch (error) {
        throw sanitizeUpstreamError(error);
      } finally {
        await client.close();
      }
    }
    const key = keyOf(target, generated);
    let built = this.cache.get(key);
    if (!built) {
      built = { client: this.build(target, generated), serverId: target.serverId };
      this.cache.set(key, built);
      built.client.catch(() => this.cache.delete(key));
    }
    try {
      return await work(await built.client);
    } catch (error) {
      throw sanitizeUpstreamError(error);
    }
  }

  private async build(target: McpTarget, generated: Generated): Promise<Client> {
    const descriptor = await this.deps.descriptorOf(target.tenantId, generated.connectorId, generated.revision);
    if (!descriptor) throw notFound("Connector");
    this.builds += 1;
    const server = operationServer(descriptor, { tenantId: target.tenantId, ...generated }, this.deps);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: "control-plane", version: "0.1.0" });
    await server.connect(serverSide);
    await client.connect(clientSide);
    return client;
  }

  private async forgetKey(key: string): Promise<void> {
    const built = this.cache.get(key);
    this.cache.delete(key);
    await built?.client.then((client) => client.close()).catch(() => undefined);
  }
}

/** (tenant, connector, revision, credential): any change of the last two is a different server. */
function keyOf(target: McpTarget, { connectorId, revision, instance, fields }: Generated): string {
  const credential = createHash("sha256")
    .update(JSON.stringify([instance, Object.entries(fields).sort()]))
    .digest("base64url");
  return `${target.tenantId}/${target.serverId}/${connectorId}@${revision}/${credential}`;
}
