import type { IncomingMessage, ServerResponse } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export const DEMO_MCP_PATH = "/demo/mcp";

const ORDERS: Record<string, { status: string; total: string }> = {
  "A-1001": { status: "shipped", total: "€42.00" },
  "A-1002": { status: "processing", total: "€17.50" },
};

/** A small MCP server built with the SDK, so GraphiQL shows tools on first start: one read tool, one write tool. */
function demoServer(): McpServer {
  const server = new McpServer({ name: "demo-orders", version: "1.0.0" });
  server.registerTool(
    "lookup_order",
    {
      title: "Look up an order",
      description: "Returns the status and total of an order.",
      inputSchema: { orderId: z.string().describe("e.g. A-1001") },
      annotations: { readOnlyHint: true },
    },
    async ({ orderId }) => {
      const order = ORDERS[orderId];
      return order
        ? { content: [{ type: "text", text: `Order ${orderId}: ${order.status}, ${order.total}` }] }
        : { isError: true, content: [{ type: "text", text: `No order ${orderId}` }] };
    },
  );
  server.registerTool(
    "refund_order",
    {
      title: "Refund an order",
      description: "Refunds an order in full. Changes data: asks before running by default.",
      inputSchema: { orderId: z.string(), reason: z.string().max(200) },
      annotations: { destructiveHint: true },
    },
    async ({ orderId, reason }) => ({ content: [{ type: "text", text: `Refunded ${orderId} (${reason})` }] }),
  );
  return server;
}

/** Stateless Streamable HTTP: a fresh server and transport per request, as the SDK recommends for stateless use. */
export async function handleDemoMcp(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const server = demoServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  response.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response);
}
