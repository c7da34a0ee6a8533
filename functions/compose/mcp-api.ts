import { createMcpEndpoint } from "../../mcp-endpoint/endpoint.js";
import type { Infrastructure, Runtime } from "../composition-root.js";

/** The MCP endpoint for agents over a runtime: no GraphQL schema is loaded for it. */
export const createMcpApi = (runtime: Runtime, infrastructure: Infrastructure) =>
  createMcpEndpoint({
    ...infrastructure.mcp,
    services: runtime.mcpServices,
    authenticate: runtime.authenticate,
    logger: infrastructure.logger,
  });
