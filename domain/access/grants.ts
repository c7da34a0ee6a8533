import type { ConnectionCandidates } from "../connections/resolve-connection.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { ServerStore } from "../ports/server-store.js";
import type { McpServer } from "../servers/server.js";
import type { Actor } from "./actor.js";
import { type Grant, grantFor, grantsFor } from "./grant-rule.js";

export interface GrantsDeps {
  serverStore: ServerStore;
  connectionStore: ConnectionStore;
}

/** Reads what the eligibility rule needs and applies it: every consumer's one way to ask "may this actor use it". */
export class Grants {
  constructor(private readonly deps: GrantsDeps) {}

  /** Every server of the actor's tenant with its grant: one server query and three connection queries, whatever the number of servers. */
  async all(actor: Actor): Promise<Grant[]> {
    const [servers, candidatesOf] = await Promise.all([this.deps.serverStore.list(actor.tenantId), this.candidatesAcrossServers(actor)]);
    return grantsFor(actor, servers, candidatesOf);
  }

  /** One server's grant: three reads by key (the platform acting for itself has no user connection to read). */
  async forServer(actor: Actor, server: McpServer): Promise<Grant> {
    const slot = (scope: "USER" | "AGENT" | "PLATFORM", subject: string) =>
      this.deps.connectionStore.get(actor.tenantId, { serverId: server.id, scope, subject });
    const [user, agent, platform] = await Promise.all([
      actor.platform ? undefined : slot("USER", actor.userId),
      actor.agentId ? slot("AGENT", actor.agentId) : undefined,
      slot("PLATFORM", ""),
    ]);
    return grantFor(actor, server, { user, agent, platform });
  }

  /** Every connection the actor might use, across all servers, by server. */
  private async candidatesAcrossServers(actor: Actor): Promise<(serverId: string) => ConnectionCandidates> {
    const { connectionStore } = this.deps;
    const [users, agents, platform] = await Promise.all([
      actor.platform ? Promise.resolve([]) : connectionStore.listForSubject(actor.tenantId, "USER", actor.userId),
      actor.agentId ? connectionStore.listForSubject(actor.tenantId, "AGENT", actor.agentId) : Promise.resolve([]),
      connectionStore.listForSubject(actor.tenantId, "PLATFORM", ""),
    ]).then((lists) => lists.map((connections) => new Map(connections.map((connection) => [connection.serverId, connection]))));
    return (serverId) => ({ user: users!.get(serverId), agent: agents!.get(serverId), platform: platform!.get(serverId) });
  }
}
