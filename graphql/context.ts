import type { Logger } from "../domain/ports/logger.js";
import type { ServerRegistry } from "../domain/servers/server-registry.js";
import type { Caller } from "../domain/shared/caller.js";

/** The domain services resolvers call; built once per process by the composition root. */
export interface Services {
  servers: ServerRegistry;
}

export interface GraphQLContext {
  caller: Caller;
  services: Services;
  requestId: string;
  logger: Logger;
}
