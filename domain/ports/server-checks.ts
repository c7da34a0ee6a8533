import type { McpServer } from "../servers/server.js";

/**
 * Checks a new or changed server soon, without the caller waiting for it: until then its status
 * is UNKNOWN. Asking returns once the check is on its way (started here, or handed to a worker).
 */
export interface ServerChecks {
  request(server: McpServer): Promise<void>;
}
