import type { Actor } from "../access/actor.js";
import { type Grant, usable } from "../access/grant-rule.js";
import type { Grants } from "../access/grants.js";
import type { ForwardedMethod, UpstreamRelay } from "../ports/mcp-connector.js";
import { notFound } from "../shared/errors.js";
import type { ToolListing } from "../tools/tool-listing.js";
import type { ToolView } from "../tools/tool-view.js";
import type { Upstream } from "./upstream-session.js";

/**
 * One server, as a per-server MCP endpoint passes it through to an actor: only a server the
 * actor may use (the same grant as everywhere), its enabled tools under their own names, and
 * its resources, prompts and completions forwarded with the same resolved credential.
 */
export class ServerProxy {
  constructor(private readonly deps: { grants: Grants; upstream: Upstream; listing: ToolListing }) {}

  /** The server with this slug, if the actor may use it (NOT_FOUND when it may not see it, FORBIDDEN with the reason otherwise). */
  async open(actor: Actor, slug: string): Promise<ProxiedServer> {
    const grant = (await this.deps.grants.all(actor)).find(({ server }) => server.slug === slug);
    if (!grant) throw notFound("MCP server");
    return new ProxiedServer(this.deps, actor, usable(grant));
  }
}

export class ProxiedServer {
  constructor(
    private readonly deps: { upstream: Upstream; listing: ToolListing },
    private readonly actor: Actor,
    readonly grant: Grant,
  ) {}

  get slug(): string {
    return this.grant.server.slug;
  }

  /** Its enabled tools (deferral is for the aggregate endpoint's size: one server's list is shown whole). */
  async tools(): Promise<ToolView[]> {
    const tools = await this.deps.listing.list(this.actor, this.grant.server);
    return tools.filter((tool) => tool.enabled).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** What the server declared it can do, so the proxy declares the same. */
  capabilities(): Promise<Record<string, unknown>> {
    return this.deps.upstream.session(this.actor, this.grant).capabilities();
  }

  forward(method: ForwardedMethod, params: Record<string, unknown>, relay?: UpstreamRelay): Promise<Record<string, unknown>> {
    return this.deps.upstream.session(this.actor, this.grant).forward(method, params, relay);
  }
}
