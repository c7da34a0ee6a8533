import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden, notFound } from "../shared/errors.js";
import type { McpServer, Visibility } from "./server.js";

/**
 * Who sees a server: every member for SHARED, only the owner for PRIVATE. A server the caller
 * may not see is reported exactly like a missing one, so ids leak nothing.
 */
export const canSee = (caller: Caller, server: McpServer) =>
  server.tenantId === caller.tenantId && (server.visibility === "SHARED" || server.ownerId === caller.userId);

export function assertVisible(caller: Caller, server: McpServer | undefined): McpServer {
  if (!server || !canSee(caller, server)) throw notFound("MCP server");
  return server;
}

/** SHARED servers are changed by admins only; a PRIVATE server by its owner. */
export function assertCanManage(caller: Caller, server: McpServer): void {
  if (server.visibility === "SHARED" && !isAdmin(caller)) throw forbidden("Only admins may change shared servers");
}

export function assertMayPublish(caller: Caller, visibility: Visibility): void {
  if (visibility === "SHARED" && !isAdmin(caller)) throw forbidden("Only admins may create or share shared servers");
}
