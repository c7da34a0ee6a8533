import { ProtocolError, ProtocolErrorCode, type Server, type ServerCapabilities } from "@modelcontextprotocol/server";
import { FORWARDED_METHODS, type ForwardedMethod } from "../domain/ports/mcp-connector.js";
import type { ProxiedServer } from "../domain/upstream/server-proxy.js";
import { relayFor } from "./downstream.js";
import { forwardedFailure, masked, mcpTool, newServer } from "./server-shape.js";
import { callTool, type ToolCallContext } from "./tool-calls.js";

/** Which upstream capability each forwarded method needs (a method the server did not declare is not offered). */
const NEEDS: Record<ForwardedMethod, (capabilities: ServerCapabilities) => boolean> = {
  "resources/list": (c) => c.resources !== undefined,
  "resources/templates/list": (c) => c.resources !== undefined,
  "resources/read": (c) => c.resources !== undefined,
  "resources/subscribe": (c) => c.resources?.subscribe === true,
  "resources/unsubscribe": (c) => c.resources?.subscribe === true,
  "prompts/list": (c) => c.prompts !== undefined,
  "prompts/get": (c) => c.prompts !== undefined,
  "completion/complete": (c) => c.completions !== undefined,
};

/**
 * `POST /mcp/servers/<slug>`: one server under its own names, declaring what the server
 * declared. Its tools go through the call service (settings, approvals, audit); resources,
 * prompts and completions are forwarded with the same resolved credential, and whatever the
 * server says meanwhile (progress, logs, requests for input) is relayed to the client.
 */
export async function proxyServer(context: Omit<ToolCallContext, "server">, proxied: ProxiedServer): Promise<Server> {
  const upstream = (await proxied.capabilities()) as ServerCapabilities;
  const capabilities: ServerCapabilities = {
    tools: { listChanged: true },
    ...(upstream.resources ? { resources: { subscribe: upstream.resources.subscribe === true } } : {}),
    ...(upstream.prompts ? { prompts: {} } : {}),
    ...(upstream.completions ? { completions: {} } : {}),
    ...(upstream.logging ? { logging: {} } : {}),
  };
  const server = newServer(capabilities, context.services.statements, `The MCP server ${proxied.slug}, through the control plane.`);
  const calls: ToolCallContext = { ...context, server };
  const safe = <A extends unknown[], R>(handler: (...args: A) => Promise<R>) => masked(context.logger, handler);
  server.setRequestHandler(
    "tools/list",
    safe(async () => ({ tools: (await proxied.tools()).map((tool) => mcpTool(tool, tool.name)) })),
  );
  server.setRequestHandler(
    "tools/call",
    safe(async (request, ctx) => {
      const { name, arguments: args = {} } = request.params;
      const tool = (await proxied.tools()).find((each) => each.name === name);
      if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
      return callTool(calls, ctx, tool.qualifiedName, args);
    }),
  );
  for (const method of FORWARDED_METHODS.filter((each) => NEEDS[each](capabilities))) {
    server.setRequestHandler(
      method,
      safe(async (request, ctx) => {
        try {
          return await proxied.forward(method, request.params ?? {}, relayFor(context.downstream, server, ctx));
        } catch (error) {
          return forwardedFailure(error);
        }
      }),
    );
  }
  // Log levels are the server's business; this endpoint relays whatever it sends.
  if (capabilities.logging) server.setRequestHandler("logging/setLevel", () => ({}));
  return server;
}
