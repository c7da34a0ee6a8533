import type { Actor } from "../access/actor.js";
import { type Grant, usable } from "../access/grant-rule.js";
import type { Grants } from "../access/grants.js";
import type { ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import { forbidden, notFound } from "../shared/errors.js";
import { qualifiedName } from "../tools/qualified-name.js";
import type { ToolRecord } from "../tools/tool.js";
import { type ToolListing, usesCache } from "../tools/tool-listing.js";

export interface LocatedTool {
  grant: Grant;
  record: ToolRecord;
}

export interface ToolLocatorDeps {
  serverStore: ServerStore;
  toolStore: ToolStore;
  grants: Grants;
  listing: ToolListing;
}

const missing = (name: string) => notFound(`Tool ${name}`);
const QUALIFIED = /^mcp__([a-z0-9]+(?:_[a-z0-9]+)*)__(.+)$/;

/**
 * Finds the tool an agent asks for by its qualified name and checks, right before every run,
 * that the actor may run it: a tool it cannot see is missing; one it may not run (disabled,
 * outside agentAccess, no usable credential) is forbidden, with the reason. On the hot path it
 * reads the grants (servers and the actor's connections, one parallel round), then the tool
 * record by its key.
 */
export class ToolLocator {
  constructor(private readonly deps: ToolLocatorDeps) {}

  async byQualifiedName(actor: Actor, name: string): Promise<LocatedTool> {
    const [, slug, tail] = QUALIFIED.exec(name) ?? [];
    if (!slug || !tail) throw missing(name);
    const grant = (await this.deps.grants.all(actor)).find(
      ({ server, denial }) => server.slug === slug && denial?.reason !== "NOT_VISIBLE",
    );
    if (!grant) throw missing(name);
    usable(grant);
    // An unshortened name is the tool's own name: read that record directly.
    const direct = await this.deps.toolStore.get(actor.tenantId, grant.server.id, tail);
    const record =
      direct?.present && qualifiedName(slug, direct.name) === name
        ? direct
        : await this.find(actor, grant, (records) => records.find((each) => qualifiedName(slug, each.name) === name));
    return { grant, record: enabled(record, name) };
  }

  /** For an approved call: the same checks again, on the server and tool recorded when it was asked. */
  async byRecord(actor: Actor, serverId: string, toolName: string): Promise<LocatedTool> {
    const server = await this.deps.serverStore.get(actor.tenantId, serverId);
    if (!server) throw notFound("MCP server");
    const grant = usable(await this.deps.grants.forServer(actor, server));
    const record = await this.find(actor, grant, (records) => records.find((each) => each.name === toolName));
    return { grant, record: enabled(record, toolName) };
  }

  /** Among the tools last seen; a live server is asked only for a tool not seen yet. */
  private async find(actor: Actor, grant: Grant, pick: (records: ToolRecord[]) => ToolRecord | undefined): Promise<ToolRecord | undefined> {
    const { server } = grant;
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    const seen = pick(known.filter((each) => each.present));
    if (seen || usesCache(server)) return seen;
    return pick((await this.deps.listing.listLive(actor, grant, known)).filter((each) => each.present));
  }
}

function enabled(record: ToolRecord | undefined, name: string): ToolRecord {
  if (!record) throw missing(name);
  if (!record.settings.enabled) throw forbidden(`The tool ${record.name} is disabled`);
  return record;
}
