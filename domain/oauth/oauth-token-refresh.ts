import type { Connection, ConnectionSlot } from "../connections/connection.js";
import type { Clock } from "../ports/clock.js";
import type { ConnectionStore } from "../ports/connection-store.js";
import type { OAuthProtocol } from "../ports/oauth-protocol.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import { randomToken } from "../shared/base64url.js";
import { DomainError } from "../shared/errors.js";
import { UpstreamError } from "../shared/upstream-error.js";
import { OAuthGrantRejected } from "./errors.js";
import { type OAuthClients, serverInfoOf } from "./oauth-clients.js";
import { refreshedConnection } from "./oauth-tokens.js";

export interface OAuthTokenRefreshDeps {
  connectionStore: ConnectionStore;
  protocol: OAuthProtocol;
  clients: OAuthClients;
  secrets: Secrets;
  clock: Clock;
  /** How long one refresher may hold a connection before another may take over. */
  leaseMs?: number;
  /** Refresh when the access token expires within this (the spec asks 60 s). */
  refreshMarginMs?: number;
  /** How often a waiting caller looks for the refresher's result. */
  pollMs?: number;
}

const tookTooLong = () => new UpstreamError("timeout", "The token refresh took too long; try again.");
const slotOf = (connection: Connection): ConnectionSlot => ({
  serverId: connection.serverId,
  scope: connection.scope,
  subject: connection.userId ?? "",
});

/**
 * Keeping OAuth connections fresh. Of many concurrent refreshers (requests, Lambdas, the job)
 * one takes the connection's lease, a conditional write, and asks the token endpoint; the
 * others wait for its result. The rotated refresh token is stored in the same write that ends
 * the lease; `invalid_grant` leaves the connection RECONNECT_REQUIRED.
 */
export class OAuthTokenRefresh {
  constructor(private readonly deps: OAuthTokenRefreshDeps) {}

  /** The connection with an access token valid for at least the refresh margin, refreshing if needed. */
  async fresh(server: McpServer, connection: Connection): Promise<Connection> {
    if (!connection.refreshToken || connection.expiresAt === null) return connection;
    const margin = this.deps.refreshMarginMs ?? 60_000;
    if (Date.parse(connection.expiresAt) - this.deps.clock.now().getTime() > margin) return connection;
    return this.refresh(server, connection);
  }

  async refresh(server: McpServer, seen: Connection): Promise<Connection> {
    const { connectionStore, clock } = this.deps;
    const owner = randomToken();
    const now = clock.now();
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    if (!(await connectionStore.takeRefreshLease(seen, owner, until, now.toISOString()))) return this.awaitOtherRefresh(seen);

    const current = (await connectionStore.get(seen.tenantId, slotOf(seen))) ?? seen;
    if (current.version !== seen.version) {
      // Someone refreshed between our read and our lease: use theirs.
      await connectionStore.releaseLease(current, owner, current.status);
      return current;
    }
    try {
      const next = await this.exchange(server, current);
      if (!(await connectionStore.completeRefresh(next, owner))) throw tookTooLong();
      return next;
    } catch (error) {
      await connectionStore.releaseLease(current, owner, error instanceof OAuthGrantRejected ? "RECONNECT_REQUIRED" : current.status);
      throw error;
    }
  }

  /** Asks the token endpoint for new tokens with the connection's refresh token. */
  private async exchange(server: McpServer, current: Connection): Promise<Connection> {
    const client = await this.deps.clients.stored(server, current.oauthIssuer);
    if (!client || !current.refreshToken) throw new OAuthGrantRejected();
    const refreshToken = await this.deps.secrets.open(
      secretSlots.connection(current.tenantId, current.id).refreshToken,
      current.refreshToken,
    );
    const tokens = await this.deps.protocol.refresh(serverInfoOf(client), {
      client: await this.deps.clients.credentials(client, server),
      refreshToken,
    });
    return refreshedConnection(this.deps.secrets, current, tokens, this.deps.clock.now());
  }

  /**
   * The user must connect again: their grant is gone, or the server asks for scopes they never
   * granted (kept for the next connect: step-up). The connection says so until they do; a change
   * made meanwhile by someone else wins.
   */
  async requireReconnect(connection: Connection, requiredScopes?: readonly string[]): Promise<void> {
    const next: Connection = {
      ...connection,
      status: "RECONNECT_REQUIRED",
      requiredScopes: requiredScopes ?? connection.requiredScopes ?? null,
      updatedAt: this.deps.clock.now().toISOString(),
      version: connection.version + 1,
    };
    await this.deps.connectionStore.update(next, connection).catch((error: unknown) => {
      if (!(error instanceof DomainError && error.code === "CONFLICT")) throw error;
    });
  }

  /** Waits, on the clock, while another refresher holds the lease, then reads its result. */
  private async awaitOtherRefresh(seen: Connection): Promise<Connection> {
    const { clock, connectionStore } = this.deps;
    const deadline = clock.now().getTime() + this.leaseMs;
    while (clock.now().getTime() < deadline) {
      await clock.sleep(this.deps.pollMs ?? 50);
      const latest = await connectionStore.get(seen.tenantId, slotOf(seen));
      if (!latest || latest.status === "RECONNECT_REQUIRED") throw new OAuthGrantRejected();
      if (latest.version !== seen.version) return latest;
    }
    throw tookTooLong();
  }

  private get leaseMs(): number {
    return this.deps.leaseMs ?? 30_000;
  }
}
