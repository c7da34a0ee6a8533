import type { GeneratedServers } from "../connectors/generated-servers.js";
import type { ForwardedMethod, McpConnector, McpTarget, UpstreamRelay } from "../../domain/ports/mcp-connector.js";
import type { McpClientPool } from "./client-pool.js";

/** Remote MCP servers through the client pool; servers generated from connector descriptors in process. */
export class RoutingConnector implements McpConnector {
  constructor(
    readonly remote: McpClientPool,
    readonly generated: GeneratedServers,
  ) {}

  private of(target: McpTarget): McpConnector {
    return target.generated ? this.generated : this.remote;
  }

  listTools(target: McpTarget) {
    return this.of(target).listTools(target);
  }

  callTool(target: McpTarget, name: string, args: Record<string, unknown>, options?: { timeoutMs?: number; relay?: UpstreamRelay }) {
    return this.of(target).callTool(target, name, args, options);
  }

  forward(target: McpTarget, method: ForwardedMethod, params: Record<string, unknown>, options?: { relay?: UpstreamRelay }) {
    return this.of(target).forward(target, method, params, options);
  }

  capabilities(target: McpTarget) {
    return this.of(target).capabilities(target);
  }

  async verify(target: McpTarget): Promise<void> {
    await this.of(target).verify?.(target);
  }

  protocolOf(url: string) {
    return this.remote.protocolOf(url);
  }

  async forget(tenantId: string, serverId: string): Promise<void> {
    await Promise.all([this.remote.forget(tenantId, serverId), this.generated.forget(tenantId, serverId)]);
  }

  async close(): Promise<void> {
    await Promise.all([this.remote.close(), this.generated.close()]);
  }
}
