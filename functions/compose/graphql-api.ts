import { createGraphQLServer } from "../../graphql/yoga.js";
import type { Infrastructure, Runtime } from "../composition-root.js";

export interface ApiOptions {
  graphiql: boolean;
  renderGraphiQL?: (options?: object) => string;
  introspection: boolean;
  maxBodyBytes: number;
  /** Web origins whose pages may call the API from a browser; empty: no CORS headers at all. */
  corsOrigins?: readonly string[];
}

/** The GraphQL API over a runtime: the only composition that loads the schema. */
export const createGraphQLApi = (runtime: Runtime, infrastructure: Infrastructure, options: ApiOptions) =>
  createGraphQLServer({
    ...options,
    services: runtime.services,
    authenticate: runtime.authenticate,
    logger: infrastructure.logger,
    clock: infrastructure.clock,
  });
