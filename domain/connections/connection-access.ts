import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, forbidden, notFound } from "../shared/errors.js";
import type { McpServer } from "../servers/server.js";
import type { Connection, ConnectionScope } from "./connection.js";

/**
 * PLATFORM and AGENT connections are the admins'; a USER connection is its user's (an admin may
 * manage it for them). A connection the caller may not see reads as missing.
 */
export const canSeeConnection = (caller: Caller, connection: Connection) =>
  isAdmin(caller) || (connection.scope === "USER" && connection.userId === caller.userId);

export function assertConnectionVisible(caller: Caller, connection: Connection | undefined): Connection {
  if (!connection || !canSeeConnection(caller, connection)) throw notFound("Connection");
  return connection;
}

type SubjectInput = { scope: ConnectionScope; userId?: string; agentId?: string };

/** Who the new connection is for, checked against who asks and on which server. */
export function subjectFor(caller: Caller, server: McpServer, input: SubjectInput): { userId: string | null; agentId: string | null } {
  checkSubjectFields(input);
  const { scope } = input;
  if (scope !== "USER" && !isAdmin(caller)) throw forbidden(`Only admins may create ${scope} connections`);
  const userId = scope === "USER" ? (input.userId ?? caller.userId) : null;
  if (scope === "USER" && userId !== caller.userId && !isAdmin(caller)) {
    throw forbidden("Only admins may create connections for other users");
  }
  // A private server is its owner's alone: so are its connections.
  if (server.visibility === "PRIVATE" && !(scope === "USER" && userId === server.ownerId)) {
    throw badInput("scope", "a private server only takes its owner's USER connection");
  }
  return { userId, agentId: scope === "AGENT" ? input.agentId! : null };
}

/** userId belongs to USER connections and agentId to AGENT ones, which need it. */
function checkSubjectFields({ scope, userId, agentId }: SubjectInput): void {
  if (scope !== "USER" && userId !== undefined) throw badInput("userId", `is only for USER connections`);
  if (scope !== "AGENT" && agentId !== undefined) throw badInput("agentId", `is only for AGENT connections`);
  if (scope === "AGENT" && agentId === undefined) throw badInput("agentId", "is required for AGENT connections");
}
