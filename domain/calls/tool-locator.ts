import type { ConnectionService } from "../connections/connection-service.js";
import type { ConnectionResolution } from "../connections/resolve-connection.js";
import type { ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import { canSee } from "../servers/server-access.js";
import type { Caller } from "../shared/caller.js";
import { forbidden, notFound } from "../shared/errors.js";
import { admits } from "../tools/agent-catalog.js";
import { qualifiedName } from "../tools/qualified-name.js";
import { type ServerTools, usesCache } from "../tools/server-tools.js";
import type { ToolRecord } from "../tools/tool.js";

export interface LocatedTool {
  server: McpServer;
  record: ToolRecord;
  resolution: ConnectionResolution;
}

export interface ToolLocatorDeps {
  serverStore: ServerStore;
  toolStore: ToolStore;
  connections: ConnectionService;
  serverTools: ServerTools;
}

const missing = (name: string) => notFound(`Tool ${name}`);

/**
 * Finds the tool an agent asks for by its qualified name and checks, right before every run,
 * that this caller and agent may run it: a tool they cannot see is missing; one they may not run
 * (disabled, outside agentAccess, no usable credential) is forbidden, with the reason.
 */
export class ToolLocator {
  constructor(private readonly deps: ToolLocatorDeps) {}

  async byQualifiedName(caller: Caller, name: string, agentId: string | undefined): Promise<LocatedTool> {
    const slug = /^mcp__([a-z0-9]+(?:_[a-z0-9]+)*)__./.exec(name)?.[1];
    if (!slug) throw missing(name);
    const servers = await this.deps.serverStore.list(caller.tenantId);
    const server = servers.find((candidate) => candidate.slug === slug && canSee(caller, candidate));
    if (!server) throw missing(name);
    return this.check(caller, server, agentId, (records) => records.find((record) => qualifiedName(slug, record.name) === name), name);
  }

  /** For an approved call: the same checks again, on the server and tool recorded when it was asked. */
  async byRecord(caller: Caller, serverId: string, toolName: string, agentId: string | undefined): Promise<LocatedTool> {
    const server = await this.deps.serverStore.get(caller.tenantId, serverId);
    if (!server || !canSee(caller, server)) throw notFound("MCP server");
    return this.check(caller, server, agentId, (records) => records.find((record) => record.name === toolName), toolName);
  }

  private async check(
    caller: Caller,
    server: McpServer,
    agentId: string | undefined,
    pick: (records: ToolRecord[]) => ToolRecord | undefined,
    name: string,
  ): Promise<LocatedTool> {
    if (!server.isEnabled) throw forbidden(`The server ${server.name} is disabled`);
    if (!admits(server, agentId)) throw forbidden(agentId ? `Agent ${agentId} may not use ${server.name}` : `${server.name} is limited to named agents`);
    const resolution = await this.deps.connections.resolve(caller, server, agentId);
    if (!resolution.usable) throw forbidden(resolution.explanation);
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    // Tools last seen are enough to find it; a live server is asked only for a tool not seen yet.
    let record = pick(known.filter((each) => each.present));
    if (!record && !usesCache(server)) record = pick((await this.deps.serverTools.listLive(caller, server, known)).filter((each) => each.present));
    if (!record) throw missing(name);
    if (!record.settings.enabled) throw forbidden(`The tool ${record.name} is disabled`);
    return { server, record, resolution };
  }
}
