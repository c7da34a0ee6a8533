import type { ConnectionService } from "../connections/connection-service.js";
import { type ConnectionResolution, resolveConnection } from "../connections/resolve-connection.js";
import type { ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import { canSee } from "../servers/server-access.js";
import type { Caller } from "../shared/caller.js";
import { forbidden, notFound } from "../shared/errors.js";
import { admits } from "../servers/agent-access.js";
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
const QUALIFIED = /^mcp__([a-z0-9]+(?:_[a-z0-9]+)*)__(.+)$/;

/**
 * Finds the tool an agent asks for by its qualified name and checks, right before every run,
 * that this caller and agent may run it: a tool they cannot see is missing; one they may not run
 * (disabled, outside agentAccess, no usable credential) is forbidden, with the reason.
 * On the hot path it reads the servers and the caller's connections in one parallel round, then
 * the tool record by its key.
 */
export class ToolLocator {
  constructor(private readonly deps: ToolLocatorDeps) {}

  async byQualifiedName(caller: Caller, name: string, agentId: string | undefined): Promise<LocatedTool> {
    const [, slug, tail] = QUALIFIED.exec(name) ?? [];
    if (!slug || !tail) throw missing(name);
    const [servers, candidatesOf] = await Promise.all([
      this.deps.serverStore.list(caller.tenantId),
      this.deps.connections.candidatesAcrossServers(caller, agentId),
    ]);
    const server = servers.find((candidate) => candidate.slug === slug && canSee(caller, candidate));
    if (!server) throw missing(name);
    const resolution = this.permitted(server, agentId, resolveConnection(server, agentId, candidatesOf(server.id)));
    // An unshortened name is the tool's own name: read that record directly.
    const direct = await this.deps.toolStore.get(server.tenantId, server.id, tail);
    const record =
      direct?.present && qualifiedName(slug, direct.name) === name
        ? direct
        : await this.find(caller, server, (records) => records.find((each) => qualifiedName(slug, each.name) === name));
    return { server, record: enabled(record, name), resolution };
  }

  /** For an approved call: the same checks again, on the server and tool recorded when it was asked. */
  async byRecord(caller: Caller, serverId: string, toolName: string, agentId: string | undefined): Promise<LocatedTool> {
    const server = await this.deps.serverStore.get(caller.tenantId, serverId);
    if (!server || !canSee(caller, server)) throw notFound("MCP server");
    const resolution = this.permitted(server, agentId, await this.deps.connections.resolve(caller, server, agentId));
    const record = await this.find(caller, server, (records) => records.find((each) => each.name === toolName));
    return { server, record: enabled(record, toolName), resolution };
  }

  private permitted(server: McpServer, agentId: string | undefined, resolution: ConnectionResolution): ConnectionResolution {
    if (!server.isEnabled) throw forbidden(`The server ${server.name} is disabled`);
    if (!admits(server, agentId))
      throw forbidden(agentId ? `Agent ${agentId} may not use ${server.name}` : `${server.name} is limited to named agents`);
    if (!resolution.usable) throw forbidden(resolution.explanation);
    return resolution;
  }

  /** Among the tools last seen; a live server is asked only for a tool not seen yet. */
  private async find(
    caller: Caller,
    server: McpServer,
    pick: (records: ToolRecord[]) => ToolRecord | undefined,
  ): Promise<ToolRecord | undefined> {
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    const seen = pick(known.filter((each) => each.present));
    if (seen || usesCache(server)) return seen;
    return pick((await this.deps.serverTools.listLive(caller, server, known)).filter((each) => each.present));
  }
}

function enabled(record: ToolRecord | undefined, name: string): ToolRecord {
  if (!record) throw missing(name);
  if (!record.settings.enabled) throw forbidden(`The tool ${record.name} is disabled`);
  return record;
}
