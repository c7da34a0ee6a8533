import type { ClientCapabilities } from "@modelcontextprotocol/server";
import type { Actor } from "../domain/access/actor.js";
import type { PlatformStatements } from "../domain/identity/platform-statements.js";

const SESSION_SECONDS = 24 * 3600;

/** What a 2025-era client said when it initialised, kept in its session id. */
export interface LegacySession {
  capabilities: ClientCapabilities;
  protocolVersion: string;
}

/**
 * 2025-era sessions without server state: the session id handed out at `initialize` is a
 * signed statement of the client's capabilities, bound to the caller and expiring, so any
 * process can read it back from the `Mcp-Session-Id` every later request carries. Nothing to
 * look up, so no session affinity; and the client's capabilities (elicitation, sampling) are
 * known on every request.
 */
export class LegacySessions {
  constructor(private readonly statements: PlatformStatements) {}

  open(actor: Actor, session: LegacySession): Promise<string> {
    return this.statements.sign(
      "mcp-session",
      { tenant: actor.tenantId, sub: actor.userId, agent: actor.agentId ?? null, caps: session.capabilities, v: session.protocolVersion },
      SESSION_SECONDS,
    );
  }

  /** The session, if the id is one this platform gave this same caller (and agent) and it has not expired. */
  async read(actor: Actor, id: string): Promise<LegacySession | undefined> {
    const claims = await this.statements.verify("mcp-session", id);
    if (!claims || claims.tenant !== actor.tenantId || claims.sub !== actor.userId || claims.agent !== (actor.agentId ?? null))
      return undefined;
    return { capabilities: claims.caps ?? {}, protocolVersion: String(claims.v) };
  }
}
