import { createRuntime, type Infrastructure } from "../composition-root.js";
import { type ApiOptions, createGraphQLApi } from "./graphql-api.js";
import { createMcpApi } from "./mcp-api.js";

export type { ApiOptions } from "./graphql-api.js";

/** Both APIs on one runtime, as one long-lived process serves them (the local server, tests, benchmarks). */
export function createApi(infrastructure: Infrastructure, options: ApiOptions) {
  const runtime = createRuntime(infrastructure);
  return { ...runtime, yoga: createGraphQLApi(runtime, infrastructure, options), mcpEndpoint: createMcpApi(runtime, infrastructure) };
}
