import type { Clock } from "../ports/clock.js";
import type { McpConnector } from "../ports/mcp-connector.js";
import type { AgentDirectory } from "../agents/agent-directory.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden, notFound } from "../shared/errors.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import { assertExpectedVersion, firstVersion } from "../shared/versioning.js";
import { type Connection, connectionId, hasCredential, parseConnectionId } from "./connection.js";
import { assertConnectionVisible, canSeeConnection, subjectFor } from "./connection-access.js";
import { createConnectionInputSchema, updateConnectionInputSchema } from "./connection-input.js";
import { checkCredentialShape } from "./connection-rules.js";

export interface ConnectionServiceDeps {
  store: ConnectionStore;
  servers: ServerRegistry;
  secrets: Secrets;
  clock: Clock;
  /** Told when a server's credentials change, so nothing built with the old ones (a generated server instance) is used again. */
  upstream?: Pick<McpConnector, "forget">;
  /** Told of agents given a connection (for the tenant's list of agents). */
  agents?: Pick<AgentDirectory, "seen">;
}

/** Binding servers to credentials per scope (which one a call uses is the grant's business: access/). */
export class ConnectionService {
  constructor(private readonly deps: ConnectionServiceDeps) {}

  async listForServer(caller: Caller, server: McpServer): Promise<Connection[]> {
    const connections = await this.deps.store.listForServer(caller.tenantId, server.id);
    return connections.filter((connection) => canSeeConnection(caller, connection));
  }

  async get(caller: Caller, id: string): Promise<Connection> {
    const slot = parseConnectionId(id);
    if (!slot) throw notFound("Connection");
    await this.deps.servers.get(caller, slot.serverId);
    return assertConnectionVisible(caller, await this.deps.store.get(caller.tenantId, slot));
  }

  async create(caller: Caller, rawInput: InputOf<typeof createConnectionInputSchema>): Promise<Connection> {
    const input = parseInput(createConnectionInputSchema, withoutNulls(rawInput));
    const server = await this.deps.servers.get(caller, input.serverId);
    const { userId, agentId } = subjectFor(caller, server, input);
    const headerName = input.headerName ?? server.authHeaderName;
    checkCredentialShape(server, { ...input, headerName, hasCredential: input.credential !== undefined || input.fields.length > 0 });

    const id = connectionId({ serverId: server.id, scope: input.scope, subject: userId ?? agentId ?? "" });
    const slots = secretSlots.connection(caller.tenantId, id);
    const connection: Connection = {
      tenantId: caller.tenantId,
      id,
      serverId: server.id,
      scope: input.scope,
      userId,
      agentId,
      authorizationScheme: input.authorizationScheme,
      credential: input.credential === undefined ? null : await this.deps.secrets.seal(slots.credential, input.credential),
      refreshToken: null,
      scopes: null,
      headerName,
      extraHeaders: await this.deps.secrets.sealHeaders(slots.headers, input.extraHeaders, [], "extraHeaders"),
      fields: await this.deps.secrets.sealHeaders(slots.fields, input.fields, [], "fields"),
      isActive: input.isActive,
      status: "UNKNOWN",
      expiresAt: null,
      createdBy: caller.userId,
      ...firstVersion(this.deps.clock.now().toISOString()),
    };
    await this.deps.store.create(connection);
    await this.deps.upstream?.forget(connection.tenantId, connection.serverId);
    if (connection.agentId) await this.deps.agents?.seen(connection.tenantId, connection.agentId);
    return connection;
  }

  async update(caller: Caller, id: string, rawInput: InputOf<typeof updateConnectionInputSchema>): Promise<Connection> {
    const input = parseInput(updateConnectionInputSchema, rawInput);
    const current = await this.get(caller, id);
    assertMayManage(caller, current);
    assertExpectedVersion("connection", input.expectedVersion, current.version);
    const server = await this.deps.servers.get(caller, current.serverId);
    const { expectedVersion: _expected, credential, extraHeaders, fields, ...changes } = input;
    const merged = { ...current, ...changes };
    checkCredentialShape(server, {
      authorizationScheme: merged.authorizationScheme,
      credential,
      headerName: merged.headerName,
      extraHeaders: extraHeaders ?? current.extraHeaders,
      hasCredential: credential !== undefined || hasCredential(current) || (fields?.length ?? 0) > 0,
    });
    const { secrets } = this.deps;
    const slots = secretSlots.connection(caller.tenantId, id);
    const next: Connection = {
      ...merged,
      credential: credential === undefined ? current.credential : await secrets.seal(slots.credential, credential),
      extraHeaders: extraHeaders
        ? await secrets.sealHeaders(slots.headers, extraHeaders, current.extraHeaders, "extraHeaders")
        : current.extraHeaders,
      fields: fields ? await secrets.sealHeaders(slots.fields, fields, current.fields ?? [], "fields") : (current.fields ?? []),
      updatedAt: this.deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    await this.deps.store.update(next, current);
    await this.deps.upstream?.forget(next.tenantId, next.serverId);
    return next;
  }

  async delete(caller: Caller, id: string): Promise<true> {
    const current = await this.get(caller, id);
    assertMayManage(caller, current);
    await this.deps.store.delete(current);
    await this.deps.upstream?.forget(current.tenantId, current.serverId);
    return true;
  }
}

function assertMayManage(caller: Caller, connection: Connection): void {
  if (connection.scope !== "USER" && !isAdmin(caller)) throw forbidden(`Only admins may change ${connection.scope} connections`);
}
