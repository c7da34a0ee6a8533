import type { AgentStore } from "../ports/agent-store.js";
import type { Clock } from "../ports/clock.js";
import type { ServerStore } from "../ports/server-store.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { forbidden } from "../shared/errors.js";

/** Agents noted by this process already: a token seen on every request is written once per process. */
const REMEMBERED = 10_000;

/**
 * The agent ids a tenant uses, for access pickers: those its servers' agent access lists name,
 * and those seen acting (an agent token) or given a connection. No scan: the seen ones are one
 * partition per tenant, the named ones come with the tenant's servers.
 */
export class AgentDirectory {
  private readonly noted = new Set<string>();

  constructor(private readonly deps: { store: AgentStore; serverStore: Pick<ServerStore, "list">; clock: Clock }) {}

  async seen(tenantId: string, agentId: string): Promise<void> {
    const key = JSON.stringify([tenantId, agentId]);
    if (this.noted.has(key)) return;
    await this.deps.store.note(tenantId, agentId, this.deps.clock.now().toISOString());
    if (this.noted.size >= REMEMBERED) this.noted.clear();
    this.noted.add(key);
  }

  /** `agents`: for admins, who grant agents access. */
  async list(caller: Caller): Promise<string[]> {
    if (!isAdmin(caller)) throw forbidden("Only admins list the tenant's agents");
    const [seen, servers] = await Promise.all([this.deps.store.list(caller.tenantId), this.deps.serverStore.list(caller.tenantId)]);
    const named = servers.flatMap((server) => server.agentAccess ?? []);
    return [...new Set([...seen, ...named])].sort();
  }
}
