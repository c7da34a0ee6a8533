import type { CatalogChanges } from "../tools/catalog-changes.js";
import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { ServerChecks } from "../ports/server-checks.js";
import type { ServerStore } from "../ports/server-store.js";
import type { UrlPolicy } from "../ports/url-policy.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, conflict, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { SealedSecret } from "../secrets/sealed-secret.js";
import type { Secrets } from "../secrets/secrets.js";
import type { EncryptionContext } from "../ports/secret-cipher.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import { assertExpectedVersion, firstVersion } from "../shared/versioning.js";
import type { McpServer } from "./server.js";
import { assertCanManage, assertMayPublish, assertVisible, canSee } from "./server-access.js";
import { createServerInputSchema, updateServerInputSchema } from "./server-input.js";
import { assertNotSetByConnector, checkServerShape, slugFor } from "./server-rules.js";
import { planServerUpdate, type SecretChange } from "./server-update.js";
import { givenQuery, maskedUrl } from "./url-query.js";

export interface ServerRegistryDeps {
  store: ServerStore;
  urlPolicy: UrlPolicy;
  /** Records that belong to a server (connections, tools, OAuth registration): they go when it goes, or moves. */
  dependents: ReadonlyArray<Pick<ConnectionStore, "deleteAllForServer">>;
  secrets: Secrets;
  clock: Clock;
  /** Asked to check a new server, or one whose address or credentials changed, without the mutation waiting. */
  checks?: ServerChecks;
  /** Told whenever the tenant's set of servers changes (the MCP endpoint's clients list again). */
  changes?: Pick<CatalogChanges, "announce">;
  newId?: () => string;
}

/** Registering, changing, listing and removing MCP servers, with who-may-do-what. */
export class ServerRegistry {
  private readonly newId: () => string;

  constructor(private readonly deps: ServerRegistryDeps) {
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  }

  async get(caller: Caller, id: string): Promise<McpServer> {
    if (!isRecordId(id)) throw notFound("MCP server");
    return assertVisible(caller, await this.deps.store.get(caller.tenantId, id));
  }

  async list(caller: Caller): Promise<McpServer[]> {
    const servers = await this.deps.store.list(caller.tenantId);
    return servers.filter((server) => canSee(caller, server)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(caller: Caller, rawInput: InputOf<typeof createServerInputSchema>): Promise<McpServer> {
    const input = parseInput(createServerInputSchema, withoutNulls(rawInput));
    const visibility = input.visibility ?? (isAdmin(caller) ? "SHARED" : "PRIVATE");
    assertMayPublish(caller, visibility);
    input.headers.forEach((header, index) => {
      if (header.value === undefined) throw badInput(`headers.${index}.value`, "is required");
    });
    checkServerShape({
      ...input,
      visibility,
      headerNames: input.headers.map((header) => header.name),
      hasCredential: input.credential !== undefined,
      hasOauthClientSecret: input.oauthClientSecret !== undefined,
    });
    this.checkUrl(input.url);
    const slug = slugFor(input.name, input.slug);
    const urlQuery = givenQuery(input.url);

    const id = this.newId();
    const slots = secretSlots.server(caller.tenantId, id);
    const { secrets } = this.deps;
    const server: McpServer = {
      tenantId: caller.tenantId,
      id,
      name: input.name,
      slug,
      description: input.description,
      url: maskedUrl(input.url),
      urlQuery: urlQuery === null ? null : await secrets.seal(slots.urlQuery, urlQuery),
      transport: input.transport,
      authType: input.authType,
      visibility,
      ownerId: visibility === "PRIVATE" ? caller.userId : null,
      createdBy: caller.userId,
      isEnabled: input.isEnabled,
      isFeatured: input.isFeatured,
      agentAccess: input.agentAccess,
      headers: await secrets.sealHeaders(slots.headers, input.headers, [], "headers"),
      authHeaderName: input.authHeaderName,
      credential: input.credential === undefined ? null : await secrets.seal(slots.credential, input.credential),
      oauthClientId: input.oauthClientId,
      oauthClientSecret:
        input.oauthClientSecret === undefined ? null : await secrets.seal(slots.oauthClientSecret, input.oauthClientSecret),
      oauthScopes: input.oauthScopes,
      toolsCacheEnabled: input.toolsCacheEnabled,
      toolsCachedAt: null,
      status: "UNKNOWN",
      lastError: null,
      lastValidatedAt: null,
      ...firstVersion(this.deps.clock.now().toISOString()),
    };
    await this.deps.store.create(server);
    await this.deps.changes?.announce(server.tenantId);
    await this.deps.checks?.request(server);
    return server;
  }

  async update(caller: Caller, id: string, rawInput: InputOf<typeof updateServerInputSchema>): Promise<McpServer> {
    const input = parseInput(updateServerInputSchema, rawInput);
    const current = await this.get(caller, id);
    assertCanManage(caller, current);
    assertExpectedVersion("server", input.expectedVersion, current.version);
    if (current.connector) assertNotSetByConnector(input);
    if (input.visibility !== undefined && input.visibility !== current.visibility) assertMayPublish(caller, input.visibility);
    const plan = planServerUpdate(current, input);
    if (input.url !== undefined) this.checkUrl(input.url);

    const slots = secretSlots.server(caller.tenantId, id);
    const next: McpServer = {
      ...plan.merged,
      // A server made private becomes the private server of whoever made it so.
      ownerId: plan.merged.visibility === "PRIVATE" ? (current.ownerId ?? caller.userId) : null,
      headers:
        plan.headers === "keep"
          ? current.headers
          : await this.deps.secrets.sealHeaders(slots.headers, plan.headers, current.headers, "headers"),
      credential: await this.sealedAfter(plan.credential, slots.credential, current.credential),
      oauthClientSecret: await this.sealedAfter(plan.oauthClientSecret, slots.oauthClientSecret, current.oauthClientSecret),
      urlQuery: await this.sealedAfter(plan.urlQuery, slots.urlQuery, current.urlQuery),
      ...unknownIf(plan.reachChanged),
      updatedAt: this.deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    await this.deps.store.update(next, current);
    // Every connection (users' tokens included) and registration was entered for the old origin.
    if (plan.moved) await this.dropDependents(caller.tenantId, id);
    await this.deps.changes?.announce(next.tenantId);
    if (plan.reachChanged) await this.deps.checks?.request(next);
    return next;
  }

  private async sealedAfter(change: SecretChange, slot: EncryptionContext, stored?: SealedSecret | null): Promise<SealedSecret | null> {
    if (change === "keep") return stored ?? null;
    return change === "clear" ? null : this.deps.secrets.seal(slot, change.set);
  }

  private checkUrl(url: string): void {
    const problem = this.deps.urlPolicy(url);
    if (problem) throw badInput("url", problem);
  }

  async delete(caller: Caller, id: string, options: { generatedToo?: boolean } = {}): Promise<true> {
    const current = await this.get(caller, id);
    assertCanManage(caller, current);
    if (current.connector && !options.generatedToo)
      throw conflict("This server is generated by a connector: delete the connector, or disable its MCP config");
    await this.deps.store.delete(current);
    await this.dropDependents(caller.tenantId, id);
    await this.deps.changes?.announce(caller.tenantId);
    return true;
  }

  private async dropDependents(tenantId: string, serverId: string): Promise<void> {
    await Promise.all(this.deps.dependents.map((dependent) => dependent.deleteAllForServer(tenantId, serverId)));
  }
}

/** Nobody has reached a server as it is now (new address or credentials): not green until a check says so. */
const unknownIf = (reachChanged: boolean) => (reachChanged ? { status: "UNKNOWN" as const, lastError: null } : {});
