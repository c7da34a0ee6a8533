import { builder } from "../builder.js";
import { pageOf } from "../pagination.js";
import { ConnectionRef } from "./connection.js";
import { ConnectorRef } from "./connector.js";
import { McpServerRef } from "./mcp-server.js";
import { ToolCallRef } from "./tool-call.js";
import { ToolRef } from "./tool.js";

// Relay connections over the lists that grow. Each reads its list as the plain field does and
// hands out a page of it (graphql/pagination.ts); the plain fields stay, deprecated.

const names = (type: string, what: string) =>
  [
    { name: `${type}Page`, description: `A page of ${what}.` },
    { name: `${type}PageEdge`, description: `One of ${what}, with the cursor that follows it.` },
  ] as const;

builder.queryFields((t) => ({
  mcpServersPage: t.connection(
    {
      type: McpServerRef,
      description: "The servers the caller may see (shared ones and their own private ones), by name, a page at a time.",
      resolve: async (_root, args, { caller, services }) =>
        pageOf(await services.servers.list(caller), (server) => `${server.name.toLowerCase()}\u0000${server.id}`, args),
    },
    ...names("McpServer", "the servers the caller may see"),
  ),
  pendingApprovalsPage: t.connection(
    {
      type: ToolCallRef,
      description: "The caller's own calls waiting for their decision, oldest first, a page at a time.",
      resolve: async (_root, args, { caller, services }) =>
        pageOf(await services.toolCalls.pendingApprovals(caller), (call) => `${call.createdAt}\u0000${call.id}`, args),
    },
    ...names("PendingApproval", "the caller's calls waiting for their decision"),
  ),
  connectorsPage: t.connection(
    {
      type: ConnectorRef,
      description: "Admins: the tenant's connectors, by id, a page at a time.",
      resolve: async (_root, args, { caller, services }) =>
        pageOf(await services.connectors.list(caller), (connector) => connector.id, args),
    },
    ...names("Connector", "the tenant's connectors"),
  ),
}));

builder.objectFields(McpServerRef, (t) => ({
  toolsPage: t.connection(
    {
      type: ToolRef,
      description: "The server's tools (as `tools` reads them: live, or from the cache), by name, a page at a time.",
      resolve: async (server, args, { actor, services }) =>
        pageOf(await services.toolListing.list(actor, server), (tool) => tool.name, args),
    },
    ...names("Tool", "a server's tools"),
  ),
  connectionsPage: t.connection(
    {
      type: ConnectionRef,
      description: "The server's connections the caller may see (admins: all; members: their own USER ones), a page at a time.",
      resolve: async (server, args, { caller, services }) =>
        pageOf(await services.connections.listForServer(caller, server), (connection) => connection.id, args),
    },
    ...names("Connection", "a server's connections"),
  ),
}));
