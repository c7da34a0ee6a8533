import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { SecretCipher } from "../ports/secret-cipher.js";
import type { ServerStore } from "../ports/server-store.js";
import type { UrlPolicy } from "../ports/url-policy.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import { parseInput, withoutNulls } from "../shared/validation.js";
import { assertExpectedVersion, firstVersion } from "../shared/versioning.js";
import type { McpServer } from "./server.js";
import { assertCanManage, assertMayPublish, assertVisible, canSee } from "./server-access.js";
import { createServerInputSchema, updateServerInputSchema } from "./server-input.js";
import { checkServerShape, slugFor } from "./server-rules.js";
import { ServerSecrets } from "./server-secrets.js";

export interface ServerRegistryDeps {
  store: ServerStore;
  urlPolicy: UrlPolicy;
  /** Records that belong to a server (connections, tools, OAuth registration): they go when it goes, or moves. */
  dependents: ReadonlyArray<Pick<ConnectionStore, "deleteAllForServer">>;
  cipher: SecretCipher;
  clock: Clock;
  newId?: () => string;
}

/** Registering, changing, listing and removing MCP servers, with who-may-do-what. */
export class ServerRegistry {
  private readonly secrets: ServerSecrets;
  private readonly newId: () => string;

  constructor(private readonly deps: ServerRegistryDeps) {
    this.secrets = new ServerSecrets(deps.cipher);
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

  async create(caller: Caller, rawInput: Record<string, unknown>): Promise<McpServer> {
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
      credentialGiven: input.credential !== undefined,
      hasOauthClientSecret: input.oauthClientSecret !== undefined,
    });
    this.checkUrl(input.url);
    const slug = slugFor(input.name, input.slug);

    const id = this.newId();
    const server: McpServer = {
      tenantId: caller.tenantId,
      id,
      name: input.name,
      slug,
      description: input.description,
      url: input.url,
      transport: input.transport,
      authType: input.authType,
      visibility,
      ownerId: visibility === "PRIVATE" ? caller.userId : null,
      createdBy: caller.userId,
      isEnabled: input.isEnabled,
      isFeatured: input.isFeatured,
      agentAccess: input.agentAccess,
      headers: await this.secrets.sealHeaders(caller.tenantId, id, input.headers),
      authHeaderName: input.authHeaderName,
      credential: input.credential === undefined ? null : await this.secrets.sealCredential(caller.tenantId, id, input.credential),
      oauthClientId: input.oauthClientId,
      oauthClientSecret:
        input.oauthClientSecret === undefined
          ? null
          : await this.secrets.sealOAuthClientSecret(caller.tenantId, id, input.oauthClientSecret),
      oauthScopes: input.oauthScopes,
      toolsCacheEnabled: input.toolsCacheEnabled,
      toolsCachedAt: null,
      status: "UNKNOWN",
      lastError: null,
      lastValidatedAt: null,
      ...firstVersion(this.deps.clock.now().toISOString()),
    };
    await this.deps.store.create(server);
    return server;
  }

  async update(caller: Caller, id: string, rawInput: Record<string, unknown>): Promise<McpServer> {
    const input = parseInput(updateServerInputSchema, rawInput);
    const current = await this.get(caller, id);
    assertCanManage(caller, current);
    assertExpectedVersion("server", input.expectedVersion, current.version);
    const { expectedVersion: _expected, headers: headerInput, credential, oauthClientSecret, ...changes } = input;
    const leavesOAuth = current.authType === "OAUTH2" && changes.authType !== undefined && changes.authType !== "OAUTH2";
    const merged = {
      ...current,
      // Leaving OAUTH2 drops its client configuration (unless this very update sets it, which is refused below).
      ...(leavesOAuth ? { oauthClientId: null, oauthScopes: null } : {}),
      ...changes,
    };
    if (merged.visibility !== current.visibility) assertMayPublish(caller, merged.visibility);
    // Secrets entered for one host never follow the server to another: they must be given again,
    // and every connection (users' tokens included) is dropped below.
    const moved = changes.url !== undefined && new URL(changes.url).origin !== new URL(current.url).origin;
    if (moved && merged.authType === "TOKEN" && credential === undefined)
      throw badInput("credential", "must be given again when the server moves to another origin");
    if (moved && current.headers.length > 0 && (!headerInput || headerInput.some((header) => header.value === undefined))) {
      throw badInput("headers", "must be given again, with their values, when the server moves to another origin");
    }
    const headerNames = headerInput ? headerInput.map((header) => header.name) : current.headers.map((header) => header.name);
    const keepsCredential = merged.authType === "TOKEN" && current.credential !== null && !moved;
    const keepsOauthSecret =
      merged.authType === "OAUTH2" && oauthClientSecret === undefined && current.oauthClientSecret !== null && !moved;
    checkServerShape({
      ...merged,
      headerNames,
      hasCredential: credential !== undefined || keepsCredential,
      credentialGiven: credential !== undefined,
      hasOauthClientSecret: oauthClientSecret !== undefined || keepsOauthSecret,
    });

    if (changes.url !== undefined) this.checkUrl(merged.url);
    const next: McpServer = {
      ...merged,
      // A server made private becomes the private server of whoever made it so.
      ownerId: merged.visibility === "PRIVATE" ? (current.ownerId ?? caller.userId) : null,
      headers: headerInput ? await this.secrets.sealHeaders(caller.tenantId, id, headerInput, current.headers) : current.headers,
      credential:
        credential !== undefined
          ? await this.secrets.sealCredential(caller.tenantId, id, credential)
          : keepsCredential
            ? current.credential
            : null,
      oauthClientSecret:
        oauthClientSecret !== undefined
          ? await this.secrets.sealOAuthClientSecret(caller.tenantId, id, oauthClientSecret)
          : keepsOauthSecret
            ? current.oauthClientSecret
            : null,
      updatedAt: this.deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    await this.deps.store.update(next, current);
    if (moved) await this.dropDependents(caller.tenantId, id);
    return next;
  }

  private checkUrl(url: string): void {
    const problem = this.deps.urlPolicy(url);
    if (problem) throw badInput("url", problem);
  }

  async delete(caller: Caller, id: string): Promise<true> {
    const current = await this.get(caller, id);
    assertCanManage(caller, current);
    await this.deps.store.delete(current);
    await this.dropDependents(caller.tenantId, id);
    return true;
  }

  private async dropDependents(tenantId: string, serverId: string): Promise<void> {
    await Promise.all(this.deps.dependents.map((dependent) => dependent.deleteAllForServer(tenantId, serverId)));
  }
}
