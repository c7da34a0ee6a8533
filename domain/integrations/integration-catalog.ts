import type { ServerStore } from "../ports/server-store.js";
import type { McpServer } from "../servers/server.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import type { createServerInputSchema } from "../servers/server-input.js";
import { maskedUrl } from "../servers/url-query.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden, notFound } from "../shared/errors.js";
import { type InputOf, withoutNulls } from "../shared/validation.js";
import type { Integration, IntegrationView } from "./integration.js";

/** What an admin may change about an entry when adding it: anything a new server takes. */
export type AddIntegrationInput = { [K in keyof CreateInput]?: CreateInput[K] | null };
type CreateInput = InputOf<typeof createServerInputSchema>;

export interface IntegrationCatalogDeps {
  entries: readonly Integration[];
  servers: Pick<ServerRegistry, "create">;
  /** Read directly: `added` is about the whole tenant, also servers the caller may not see. */
  serverStore: Pick<ServerStore, "list">;
}

/** The curated catalog of well-known remote MCP servers, and registering a server from one of them. */
export class IntegrationCatalog {
  private readonly byId: ReadonlyMap<string, Integration>;

  constructor(private readonly deps: IntegrationCatalogDeps) {
    this.byId = new Map(deps.entries.map((entry) => [entry.id, entry]));
  }

  async list(caller: Caller): Promise<IntegrationView[]> {
    const urls = new Set((await this.deps.serverStore.list(caller.tenantId)).map((server) => comparableUrl(server.url)));
    // Stored URLs show their query values masked: an entry's is compared masked alike.
    return this.deps.entries.map((entry) => ({ ...entry, added: urls.has(comparableUrl(maskedUrl(entry.url))) }));
  }

  /** Admins only: the catalog offers shared connectors. Every server rule is the registry's own. */
  async add(caller: Caller, id: string, input: AddIntegrationInput = {}): Promise<McpServer> {
    if (!isAdmin(caller)) throw forbidden("Only admins may add integrations");
    const entry = this.byId.get(id);
    if (!entry) throw notFound("Integration");
    // The suggested scopes only fit while the server stays OAUTH2 (an admin may switch it to a token).
    const staysOAuth = (input.authType ?? entry.authType) === "OAUTH2";
    const oauth = staysOAuth && entry.scopes.length > 0 ? { oauthScopes: [...entry.scopes] } : {};
    return this.deps.servers.create(caller, {
      name: entry.name,
      slug: entry.id.replaceAll("-", "_"),
      description: entry.description,
      url: entry.url,
      transport: entry.transport,
      authType: entry.authType,
      ...oauth,
      ...withoutNulls(input),
    });
  }
}

/** `https://mcp.stripe.com` and `https://mcp.stripe.com/` name the same endpoint. */
function comparableUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, "")}${parsed.search}`;
}
