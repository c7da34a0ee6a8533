import type { McpServer } from "../servers/server.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden } from "../shared/errors.js";
import { serverInputFromServerJson } from "./server-json-import.js";
import { registryServerList } from "./server-json-export.js";
import type { RegistryServerList } from "./server-json-schema.js";

/** The MCP Registry's formats, both ways: registering from a server.json, listing as the registry API does. */
export class ServerJsonRegistry {
  constructor(private readonly servers: Pick<ServerRegistry, "create" | "list">) {}

  /** Admins only, like the catalog: the document is checked in full before the registry's own rules run. */
  async import(caller: Caller, document: string): Promise<McpServer> {
    if (!isAdmin(caller)) throw forbidden("Only admins may import servers");
    return this.servers.create(caller, serverInputFromServerJson(document));
  }

  /** What the caller may see (shared servers and their own private ones), never more. */
  async list(caller: Caller): Promise<RegistryServerList> {
    return registryServerList(await this.servers.list(caller));
  }
}
