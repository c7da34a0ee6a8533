import { type Actor, platformActor } from "../access/actor.js";
import type { Grant } from "../access/grant-rule.js";
import type { Grants } from "../access/grants.js";
import type { Clock } from "../ports/clock.js";
import type { ServerState, ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { KnownProtocol, McpServer } from "../servers/server.js";
import { assertCanManage } from "../servers/server-access.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import type { Caller } from "../shared/caller.js";
import { sameJson } from "../shared/canonical-json.js";
import { UpstreamError } from "../shared/upstream-error.js";
import type { Upstream } from "../upstream/upstream-session.js";
import type { ToolListing } from "./tool-listing.js";
import type { ToolRecord } from "./tool.js";

export interface ServerHealthDeps {
  servers: ServerRegistry;
  serverStore: ServerStore;
  toolStore: ToolStore;
  grants: Grants;
  listing: ToolListing;
  upstream: Upstream;
  clock: Clock;
}

/** What a check reads of a server before asking it: its grant for the actor, and its tools as last seen. */
export interface ServerReads {
  readonly grant: Grant;
  readonly known: readonly ToolRecord[];
}

/** Whether a server answers, as admins and the refresh job ask: status, lastError, lastValidatedAt, the cache time. */
export class ServerHealth {
  constructor(private readonly deps: ServerHealthDeps) {}

  /** `validateMcpServer`: connect with the actor's credential, list tools, record the outcome. */
  async validate(actor: Actor, serverId: string): Promise<McpServer> {
    const server = await this.managed(actor, serverId);
    await this.check(actor, server, false);
    return this.deps.servers.get(actor, serverId);
  }

  /** `refreshTools`: list now and, with the cache on, store the listing as the cache. */
  async refresh(actor: Actor, serverId: string): Promise<McpServer> {
    const server = await this.managed(actor, serverId);
    await this.check(actor, server, true);
    return this.deps.servers.get(actor, serverId);
  }

  /**
   * The check of a server just created or changed, asked by no one (domain/ports/server-checks.ts):
   * as the platform (its owner, if private), on the server as stored now. Undefined when it is gone.
   */
  async checkStored(tenantId: string, serverId: string): Promise<boolean | undefined> {
    const server = await this.deps.serverStore.get(tenantId, serverId);
    return server ? this.check(platformActor(server, "validate"), server, false) : undefined;
  }

  /**
   * Lists as `actor` and records health (and cache time); returns whether the server answered.
   * `read`: the server's grant and tools, when the caller already read them (the refresh job, for a whole tenant at once).
   */
  async check(actor: Actor, server: McpServer, refreshCache: boolean, read?: ServerReads): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    let state: ServerState;
    try {
      const known = read?.known ?? (await this.deps.toolStore.listForServer(server.tenantId, server.id));
      const grant = read?.grant ?? (await this.deps.grants.forServer(actor, server));
      await this.deps.listing.listLive(actor, grant, known);
      const session = this.deps.upstream.session(actor, grant);
      // A connector's server lists its tools without calling its API: its test endpoint proves the credential.
      if (server.connector) await session.verify();
      state = {
        status: "CONNECTED",
        lastError: null,
        lastValidatedAt: now,
        ...(refreshCache && server.toolsCacheEnabled ? { toolsCachedAt: now } : {}),
        ...learnt(server, await session.knownProtocol()),
      };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      state = { status: statusAfter(server, error), lastError: error.message, lastValidatedAt: now };
    }
    await this.record(server, state);
    return state.status === "CONNECTED";
  }

  /** The refresh job finds most servers as they were: their times are then not a configuration change. */
  private async record(server: McpServer, state: ServerState): Promise<void> {
    const same = state.status === server.status && state.lastError === server.lastError && (!state.toolsCachedAt || server.toolsCachedAt);
    const { serverStore } = this.deps;
    if (same) await serverStore.recordCheck(server.tenantId, server.id, state);
    else await serverStore.recordState(server.tenantId, server.id, state);
  }

  private async managed(caller: Caller, serverId: string): Promise<McpServer> {
    const server = await this.deps.servers.get(caller, serverId);
    assertCanManage(caller, server);
    return server;
  }
}

/** What its endpoint was found to speak, when that is news: the next cold process starts there instead of probing. */
const learnt = (server: McpServer, protocol: KnownProtocol | undefined) =>
  protocol && !sameJson(protocol, server.protocol ?? null) ? { protocol } : {};

/** What a failed check means for the server's status. */
function statusAfter(server: McpServer, error: UpstreamError): McpServer["status"] {
  if (server.authType === "OAUTH2" && error.kind === "not_connected") return "NOT_CONNECTED";
  if (server.authType === "OAUTH2" && error.kind === "unauthorized") return "RECONNECT_REQUIRED";
  return "ERROR";
}
