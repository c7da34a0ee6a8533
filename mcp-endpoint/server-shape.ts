import { ProtocolError, ProtocolErrorCode, Server, type ServerCapabilities, type Tool } from "@modelcontextprotocol/server";
import type { PlatformStatements } from "../domain/identity/platform-statements.js";
import type { Logger } from "../domain/ports/logger.js";
import { DomainError } from "../domain/shared/errors.js";
import { UpstreamError } from "../domain/shared/upstream-error.js";
import type { ToolView } from "../domain/tools/tool-view.js";

const SERVER_INFO = { name: "mcp-connector-control-plane", version: "0.1.0" };

/** A low-level SDK server (our tools carry JSON Schemas as the upstream gave them), with what every endpoint shares. */
export function newServer(capabilities: ServerCapabilities, statements: PlatformStatements, instructions: string): Server {
  return new Server(SERVER_INFO, {
    capabilities,
    instructions,
    // Lists are per caller: clients may keep them a little, never share them (2026 era).
    cacheHints: {
      "tools/list": { ttlMs: 30_000, cacheScope: "private" },
      "server/discover": { ttlMs: 3_600_000, cacheScope: "public" },
    },
    // A paused call's state comes back from the client: only one this platform signed, unexpired, is read.
    requestState: {
      verify: async (state) => {
        const claims = await statements.verify("mcp-request-state", state);
        if (!claims) throw new Error("invalid request state");
        return claims;
      },
    },
  });
}

/** A tool as an MCP client lists it, under the given name. */
export function mcpTool(tool: ToolView, name: string): Tool {
  return {
    name,
    ...(tool.title ? { title: tool.title } : {}),
    ...(tool.description ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema as Tool["inputSchema"],
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
  };
}

/**
 * A request handler whose unexpected failures (a bug, a store that is down) reach the client
 * as a bare internal error and are logged here: never their message, which may name internals.
 */
export function masked<A extends unknown[], R>(logger: Logger, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      logger.error("mcp request failed", { error: error instanceof Error ? error.name : typeof error });
      throw new ProtocolError(ProtocolErrorCode.InternalError, "Internal error");
    }
  };
}

/** A failure of a forwarded request as the JSON-RPC error the client gets: the server's own code when it answered one. */
export function forwardedFailure(error: unknown): never {
  if (error instanceof UpstreamError) throw new ProtocolError(error.rpcCode ?? ProtocolErrorCode.InternalError, error.message);
  if (error instanceof DomainError) throw new ProtocolError(ProtocolErrorCode.InvalidRequest, error.message);
  throw error;
}
