import type { ConnectionService } from "../connections/connection-service.js";
import type { HeaderRenderer } from "../connections/render-headers.js";
import type { ConnectionResolution } from "../connections/resolve-connection.js";
import type { OAuthTokenRefresh } from "../oauth/oauth-token-refresh.js";
import type { Clock } from "../ports/clock.js";
import type { McpConnector, McpTarget } from "../ports/mcp-connector.js";
import type { ServerState, ServerStore } from "../ports/server-store.js";
import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import { assertCanManage } from "../servers/server-access.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import type { Caller } from "../shared/caller.js";
import { UpstreamError } from "../shared/upstream-error.js";
import { parseInput, withoutNulls } from "../shared/validation.js";
import { observeListing } from "./observe-listing.js";
import { DEFAULT_SETTINGS, type ToolRecord } from "./tool.js";
import { toolNameSchema, toolSettingsInputSchema } from "./tool-settings-input.js";
import { type ToolView, toolView } from "./tool-view.js";

export interface ServerToolsDeps {
  servers: ServerRegistry;
  serverStore: ServerStore;
  toolStore: ToolStore;
  connections: ConnectionService;
  headers: HeaderRenderer;
  connector: McpConnector;
  clock: Clock;
  /** OAuth: refreshes a connection's tokens, when they are about to expire or after a 401. */
  oauth?: Pick<OAuthTokenRefresh, "fresh" | "refresh">;
}

/** One server's tools: listed live or from the cache, validated, refreshed, curated. */
export class ServerTools {
  constructor(private readonly deps: ServerToolsDeps) {}

  /**
   * `McpServer.tools`: from the cache when it is on and filled, else live from the server. A
   * server that cannot be reached shows the tools last seen, so one bad server never blanks a
   * whole listing; validateMcpServer says what is wrong with it.
   */
  async list(caller: Caller, server: McpServer): Promise<ToolView[]> {
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    let records = known;
    if (!usesCache(server)) {
      try {
        records = await this.listLive(caller, server, known);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
      }
    }
    return records.filter((record) => record.present).map((record) => toolView(server.slug, record));
  }

  /** Lists the server's tools with the caller's credential and records what changed. */
  async listLive(caller: Caller, server: McpServer, known: readonly ToolRecord[]): Promise<ToolRecord[]> {
    const { result: listed } = await this.withTarget(caller, server, (target) => this.deps.connector.listTools(target));
    const { records, changed } = await observeListing(server, known, listed, this.now());
    await this.deps.toolStore.saveObservations(changed);
    return records;
  }

  /** Where and with which headers `caller` reaches `server`, and with whose credential; an unusable connection is an UpstreamError. */
  async targetFor(
    caller: Caller,
    server: McpServer,
    known?: ConnectionResolution,
  ): Promise<{ target: McpTarget; resolution: ConnectionResolution }> {
    let resolution = known ?? (await this.deps.connections.resolve(caller, server));
    if (!resolution.usable) throw new UpstreamError("not_connected", resolution.explanation);
    if (server.authType === "OAUTH2" && resolution.connection && this.deps.oauth) {
      if (resolution.connection.status === "RECONNECT_REQUIRED")
        throw new UpstreamError("unauthorized", "Reconnect your account to use this server.");
      resolution = { ...resolution, connection: await this.deps.oauth.fresh(server, resolution.connection) };
    }
    if (server.authType === "JWT_PASSTHROUGH" && !caller.token)
      throw new UpstreamError("not_connected", "This server needs the caller's own token.");
    const headers = await this.deps.headers.render(server, resolution, caller.token ? { callerJwt: caller.token } : {});
    return {
      target: { tenantId: server.tenantId, serverId: server.id, url: server.url, transport: server.transport, headers },
      resolution,
    };
  }

  /**
   * Runs `work` against the server with the caller's credential. An OAuth server answering 401
   * gets one refresh of the caller's tokens and one retry.
   */
  async withTarget<T>(
    caller: Caller,
    server: McpServer,
    work: (target: McpTarget) => Promise<T>,
    known?: ConnectionResolution,
  ): Promise<{ result: T; resolution: ConnectionResolution }> {
    const { target, resolution } = await this.targetFor(caller, server, known);
    try {
      return { result: await work(target), resolution };
    } catch (error) {
      const connection = resolution.connection;
      const retry =
        server.authType === "OAUTH2" && this.deps.oauth && connection && error instanceof UpstreamError && error.kind === "unauthorized";
      if (!retry) throw error;
      const refreshed = { ...resolution, connection: await this.deps.oauth!.refresh(server, connection) };
      const again = await this.targetFor(caller, server, refreshed);
      return { result: await work(again.target), resolution: refreshed };
    }
  }

  /** `validateMcpServer`: connect with the caller's connection, list tools, record the outcome. */
  async validate(caller: Caller, serverId: string): Promise<McpServer> {
    const server = await this.managed(caller, serverId);
    await this.check(caller, server, false);
    return this.deps.servers.get(caller, serverId);
  }

  /** `refreshTools`: list now and, with the cache on, store the listing as the cache. */
  async refresh(caller: Caller, serverId: string): Promise<McpServer> {
    const server = await this.managed(caller, serverId);
    await this.check(caller, server, true);
    return this.deps.servers.get(caller, serverId);
  }

  /** Lists as `caller` and records health (and cache time); returns whether the server answered. */
  async check(caller: Caller, server: McpServer, refreshCache: boolean): Promise<boolean> {
    const now = this.now();
    let state: ServerState;
    try {
      await this.listLive(caller, server, await this.deps.toolStore.listForServer(server.tenantId, server.id));
      state = {
        status: "CONNECTED",
        lastError: null,
        lastValidatedAt: now,
        ...(refreshCache && server.toolsCacheEnabled ? { toolsCachedAt: now } : {}),
      };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      state = { status: statusAfter(server, error), lastError: error.message, lastValidatedAt: now };
    }
    await this.deps.serverStore.recordState(server.tenantId, server.id, state);
    return state.status === "CONNECTED";
  }

  async setSettings(caller: Caller, serverId: string, toolName: string, rawInput: Record<string, unknown>): Promise<ToolView> {
    const name = parseInput(toolNameSchema, toolName, "toolName");
    const input = parseInput(toolSettingsInputSchema, withoutNulls(rawInput), "input");
    const server = await this.managed(caller, serverId);
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    const current = known.find((record) => record.name === name) ?? unseenTool(server, name);
    const settings = { ...current.settings, ...input };
    // Setting an approval is an admin looking at the tool as it is now: auto-approval holds again.
    const reviewedFingerprint = input.approvalMode !== undefined ? current.fingerprint : current.reviewedFingerprint;
    const next: ToolRecord = { ...current, settings, reviewedFingerprint };
    await this.deps.toolStore.saveSettings(next);
    return toolView(server.slug, next);
  }

  private async managed(caller: Caller, serverId: string): Promise<McpServer> {
    const server = await this.deps.servers.get(caller, serverId);
    assertCanManage(caller, server);
    return server;
  }

  private now() {
    return this.deps.clock.now().toISOString();
  }
}

export const usesCache = (server: McpServer) => server.toolsCacheEnabled && server.toolsCachedAt !== null;

/** What a failed check means for the server's status. */
function statusAfter(server: McpServer, error: UpstreamError): McpServer["status"] {
  if (server.authType === "OAUTH2" && error.kind === "not_connected") return "NOT_CONNECTED";
  if (server.authType === "OAUTH2" && error.kind === "unauthorized") return "RECONNECT_REQUIRED";
  return "ERROR";
}

/** Settings may be given before a tool is first seen (say, to disable it before enabling its server). */
const unseenTool = (server: McpServer, name: string): ToolRecord => ({
  tenantId: server.tenantId,
  serverId: server.id,
  name,
  definition: null,
  fingerprint: null,
  present: false,
  lastSeenAt: null,
  changedAt: null,
  settings: DEFAULT_SETTINGS,
  reviewedFingerprint: null,
});
