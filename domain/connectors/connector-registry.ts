import { parse as parseYaml, stringify as toYaml } from "yaml";
import type { Clock } from "../ports/clock.js";
import type { ConnectorStore } from "../ports/connector-store.js";
import type { McpConnector } from "../ports/mcp-connector.js";
import type { ServerStore } from "../ports/server-store.js";
import type { UrlPolicy } from "../ports/url-policy.js";
import type { McpServer } from "../servers/server.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, forbidden, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import type { CatalogChanges } from "../tools/catalog-changes.js";
import { behaviourOf, type Connector } from "./connector.js";
import { generatedServerRecord } from "./connector-server.js";
import type { Descriptor } from "./descriptor.js";
import { descriptorFromOpenApi } from "./openapi-import.js";
import { MAX_DESCRIPTOR_BYTES, parseDescriptor } from "./parse-descriptor.js";

export interface ConnectorRegistryDeps {
  store: ConnectorStore;
  serverStore: ServerStore;
  servers: Pick<ServerRegistry, "delete">;
  urlPolicy: UrlPolicy;
  clock: Clock;
  changes?: Pick<CatalogChanges, "announce">;
  /** Drops generated server instances kept for a server whose connector changed or went. */
  upstream: Pick<McpConnector, "forget">;
}

const adminOnly = (caller: Caller) => {
  if (!isAdmin(caller)) throw forbidden("Only admins manage connectors");
};

/**
 * Connectors: descriptors registered, updated and removed by admins, each with the MCP server it
 * generates while its MCP config is enabled. A descriptor that breaks any rule is refused before
 * anything is written; a change of what the server does is a new revision, which the server
 * record and its cached instances follow.
 */
export class ConnectorRegistry {
  constructor(private readonly deps: ConnectorRegistryDeps) {}

  async list(caller: Caller): Promise<Connector[]> {
    adminOnly(caller);
    return (await this.deps.store.list(caller.tenantId)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(caller: Caller, id: string): Promise<Connector> {
    adminOnly(caller);
    const connector = isRecordId(id) ? await this.deps.store.get(caller.tenantId, id) : undefined;
    if (!connector) throw notFound("Connector");
    return connector;
  }

  async register(caller: Caller, text: string): Promise<Connector> {
    adminOnly(caller);
    const descriptor = await parseDescriptor(text, this.deps.urlPolicy);
    const now = this.deps.clock.now().toISOString();
    const connector = this.record(caller, descriptor, text, now);
    const server = descriptor.mcp_config.enabled ? generatedServerRecord(connector, now) : undefined;
    // The server first: a slug another server holds refuses the whole registration, with nothing stored.
    if (server) await this.deps.serverStore.create(server);
    const stored = { ...connector, serverId: server?.id ?? null };
    try {
      await this.deps.store.create(stored);
    } catch (error) {
      if (server) await this.deps.serverStore.delete(server);
      throw error;
    }
    await this.deps.changes?.announce(caller.tenantId);
    return stored;
  }

  async update(caller: Caller, id: string, text: string): Promise<Connector> {
    const current = await this.get(caller, id);
    const descriptor = await parseDescriptor(text, this.deps.urlPolicy);
    if (descriptor.metadata.slug !== current.slug) throw badInput("metadata.slug", "cannot change; register a new connector instead");
    const now = this.deps.clock.now().toISOString();
    const changed = behaviourOf(descriptor) !== behaviourOf(current.descriptor);
    const next: Connector = {
      ...this.record(caller, descriptor, text, now),
      revision: current.revision + (changed ? 1 : 0),
      createdBy: current.createdBy,
      createdAt: current.createdAt,
      version: current.version + 1,
    };
    const server = await this.syncServer(caller, next, current.serverId);
    const stored = { ...next, serverId: server?.id ?? null };
    await this.deps.store.update(stored, current);
    if (current.serverId && (changed || !server)) await this.deps.upstream.forget(caller.tenantId, current.serverId);
    await this.deps.changes?.announce(caller.tenantId);
    return stored;
  }

  async delete(caller: Caller, id: string): Promise<true> {
    const current = await this.get(caller, id);
    if (current.serverId) await this.removeServer(caller, current.serverId);
    await this.deps.store.delete(current);
    await this.deps.changes?.announce(caller.tenantId);
    return true;
  }

  /** A connector from an OpenAPI 3.x document (YAML or JSON): the selected operations (all, by default) become its tools. */
  async importOpenApi(caller: Caller, document: string, select?: readonly string[] | null): Promise<Connector> {
    adminOnly(caller);
    if (document.length > MAX_DESCRIPTOR_BYTES * 4) throw badInput("document", "is too large");
    let parsed: unknown;
    try {
      parsed = parseYaml(document, { schema: "core", maxAliasCount: 50 });
    } catch {
      throw badInput("document", "is neither valid YAML nor JSON");
    }
    if (!parsed || typeof parsed !== "object") throw badInput("document", "must be an OpenAPI document");
    return this.register(caller, toYaml(descriptorFromOpenApi(parsed as Record<string, unknown>, select ?? undefined)));
  }

  /** The generated server as the connector now says: created, updated, or removed when MCP is no longer enabled. */
  private async syncServer(caller: Caller, connector: Connector, serverId: string | null): Promise<McpServer | undefined> {
    const existing = serverId ? await this.deps.serverStore.get(caller.tenantId, serverId) : undefined;
    const now = connector.updatedAt;
    if (!connector.descriptor.mcp_config.enabled) {
      if (existing) await this.removeServer(caller, existing.id);
      return undefined;
    }
    const server = generatedServerRecord(connector, now, existing);
    if (existing) await this.deps.serverStore.update(server, existing);
    else await this.deps.serverStore.create(server);
    return server;
  }

  private async removeServer(caller: Caller, serverId: string): Promise<void> {
    await this.deps.servers.delete(caller, serverId, { generatedToo: true }).catch((error: unknown) => {
      if (!(error instanceof Error && "code" in error && error.code === "NOT_FOUND")) throw error;
    });
    await this.deps.upstream.forget(caller.tenantId, serverId);
  }

  private record(caller: Caller, descriptor: Descriptor, text: string, now: string): Connector {
    const { metadata } = descriptor;
    return {
      tenantId: caller.tenantId,
      id: metadata.slug,
      slug: metadata.slug,
      name: metadata.name,
      descriptorVersion: metadata.version,
      description: metadata.description ?? null,
      descriptorText: text,
      descriptor,
      revision: 1,
      serverId: null,
      createdBy: caller.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }
}
