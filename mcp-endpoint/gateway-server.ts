import type { Server } from "@modelcontextprotocol/server";
import { TOOL_SEARCH, searchDeferredTools, toolSearchTool } from "./tool-search.js";
import { masked, mcpTool, newServer } from "./server-shape.js";
import { callTool, type ToolCallContext } from "./tool-calls.js";

const INSTRUCTIONS =
  "Tools of the MCP servers your organisation connected, named mcp__<server>__<tool>. " +
  "Some are kept out of the list: find them with tool_search. Calls that need approval wait for your user.";

/**
 * `POST /mcp`: every tool the caller and its agent may use, named `mcp__<slug>__<tool>`, in
 * name order, plus `tool_search` when some are deferred; calls go through the call service.
 */
export function gatewayServer(context: Omit<ToolCallContext, "server">): Server {
  const { services, downstream } = context;
  const server = newServer({ tools: { listChanged: true } }, services.statements, INSTRUCTIONS);
  const calls: ToolCallContext = { ...context, server };
  const safe = <A extends unknown[], R>(handler: (...args: A) => Promise<R>) => masked(context.logger, handler);
  server.setRequestHandler(
    "tools/list",
    safe(async () => {
      const { tools, deferredCount } = await services.catalog.agentTools(downstream.actor);
      const listed = [...tools]
        .sort((a, b) => a.qualifiedName.localeCompare(b.qualifiedName))
        .map((tool) => mcpTool(tool, tool.qualifiedName));
      return { tools: deferredCount > 0 ? [...listed, toolSearchTool] : listed };
    }),
  );
  server.setRequestHandler(
    "tools/call",
    safe(async (request, ctx) => {
      const { name, arguments: args = {} } = request.params;
      if (name === TOOL_SEARCH) return searchDeferredTools(services.catalog, downstream.actor, args);
      return callTool(calls, ctx, name, args);
    }),
  );
  return server;
}
