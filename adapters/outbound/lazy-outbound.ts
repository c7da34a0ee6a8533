import type { ForwardedMethod, McpConnector, McpTarget, UpstreamRelay } from "../../domain/ports/mcp-connector.js";
import type { OAuthProtocol } from "../../domain/ports/oauth-protocol.js";
import type { OutboundOptions, OutboundStack } from "./outbound-stack.js";

/**
 * The outbound stack, imported the first time something goes out. Bundled with code splitting,
 * a function's cold start then parses none of it (MCP SDKs, undici, zod's JSON Schema side):
 * a GraphQL query over stored records, a WebSocket message or a JWKS request never pays for it.
 */
export class LazyOutbound {
  private stack: Promise<OutboundStack> | undefined;
  private ready: OutboundStack | undefined;

  constructor(private readonly options: OutboundOptions) {}

  load(): Promise<OutboundStack> {
    return (this.stack ??= import("./outbound-stack.js")
      .then(({ createOutboundStack }) => createOutboundStack(this.options))
      .then((stack) => (this.ready = stack)));
  }

  /** Whether anything went out yet (closing needs nothing otherwise). */
  get loaded(): boolean {
    return this.stack !== undefined;
  }

  readonly connector: McpConnector & { close(): Promise<void> } = {
    listTools: async (target: McpTarget) => (await this.load()).connector.listTools(target),
    callTool: async (
      target: McpTarget,
      name: string,
      args: Record<string, unknown>,
      options?: { timeoutMs?: number; relay?: UpstreamRelay },
    ) => (await this.load()).connector.callTool(target, name, args, options),
    forward: async (target: McpTarget, method: ForwardedMethod, params: Record<string, unknown>, options?: { relay?: UpstreamRelay }) =>
      (await this.load()).connector.forward(target, method, params, options),
    capabilities: async (target: McpTarget) => (await this.load()).connector.capabilities(target),
    verify: async (target: McpTarget) => (await this.load()).connector.verify(target),
    // Only what was learnt by talking: nothing, if nothing was loaded.
    protocolOf: (url: string) => this.ready?.connector.protocolOf(url),
    // Nothing was connected if nothing was loaded.
    forget: async (tenantId: string, serverId: string) =>
      this.loaded ? (await this.load()).connector.forget(tenantId, serverId) : undefined,
    close: async () => (this.loaded ? (await this.load()).connector.close() : undefined),
  };

  readonly protocol: OAuthProtocol = {
    discover: async (serverUrl) => (await this.load()).protocol.discover(serverUrl),
    register: async (server, metadata) => (await this.load()).protocol.register(server, metadata),
    authorize: async (server, request) => (await this.load()).protocol.authorize(server, request),
    exchange: async (server, request) => (await this.load()).protocol.exchange(server, request),
    refresh: async (server, request) => (await this.load()).protocol.refresh(server, request),
    revoke: async (server, request) => (await this.load()).protocol.revoke(server, request),
  };
}
