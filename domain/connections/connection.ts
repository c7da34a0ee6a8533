import type { SealedSecret } from "../secrets/sealed-secret.js";
import { decodeBase64Url, encodeBase64Url } from "../shared/base64url.js";
import type { SealedHeader } from "../secrets/secrets.js";
import type { ConnectionStatus } from "../servers/server.js";

export const CONNECTION_SCOPES = ["PLATFORM", "AGENT", "USER"] as const;
export type ConnectionScope = (typeof CONNECTION_SCOPES)[number];

/**
 * A binding of one server to one scope and subject (the tenant, an agent or a user), with the
 * credential to send. A (server, scope, subject) has at most one connection: update it to rotate
 * its credential, or set `isActive: false` to stop using it.
 */
export interface Connection {
  readonly tenantId: string;
  readonly id: string;
  readonly serverId: string;
  readonly scope: ConnectionScope;
  readonly userId: string | null;
  readonly agentId: string | null;
  /** `Bearer`, `Token`, ...: sent before the credential. null: the credential is the full header value. */
  readonly authorizationScheme: string | null;
  readonly credential: SealedSecret | null;
  /** OAuth: the refresh token, sealed; null for token connections. */
  readonly refreshToken: SealedSecret | null;
  /** OAuth: the scopes granted. */
  readonly scopes: readonly string[] | null;
  /** OAuth: the authorization server that issued the tokens (its registration refreshes them). */
  readonly oauthIssuer?: string | null;
  /** OAuth: the scope the authorization that made it asked for (a step-up asks once: then a refusal is final). */
  readonly requestedScopes?: readonly string[] | null;
  /** OAuth: scopes a server asked for (403 insufficient_scope) that the next connect requests (step-up). */
  readonly requiredScopes?: readonly string[] | null;
  readonly headerName: string;
  readonly extraHeaders: readonly SealedHeader[];
  /** For a connector's server: its credential fields by key (`api_key`, `username`, `password`), sealed. */
  readonly fields?: readonly SealedHeader[];
  readonly isActive: boolean;
  readonly status: ConnectionStatus;
  readonly expiresAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Whether a connection carries something to authenticate with: a credential, or a connector's credential fields. */
export const hasCredential = (connection: Pick<Connection, "credential" | "fields">) =>
  connection.credential !== null || (connection.fields?.length ?? 0) > 0;

/** Who a connection belongs to within its scope: "" for the tenant, else the agent or user id. */
export const subjectOf = (connection: Pick<Connection, "scope" | "userId" | "agentId">) =>
  connection.scope === "USER" ? connection.userId! : connection.scope === "AGENT" ? connection.agentId! : "";

export interface ConnectionSlot {
  serverId: string;
  scope: ConnectionScope;
  subject: string;
}

/**
 * Connection ids name their slot (`<scope letter>.<serverId>.<base64url subject>`), so a
 * connection is found by id without an index and two connections can never share a slot.
 */
export function connectionId({ serverId, scope, subject }: ConnectionSlot): string {
  return `${scope[0]}.${serverId}.${encodeBase64Url(subject)}`;
}

const SCOPE_BY_LETTER: Record<string, ConnectionScope> = { P: "PLATFORM", A: "AGENT", U: "USER" };

export function parseConnectionId(id: string): ConnectionSlot | undefined {
  const match = /^([PAU])\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{0,400})$/.exec(id);
  if (!match) return undefined;
  const slot = { serverId: match[2]!, scope: SCOPE_BY_LETTER[match[1]!]!, subject: decodeBase64Url(match[3]!) ?? "" };
  if ((slot.scope === "PLATFORM") !== (slot.subject === "")) return undefined;
  // Only the canonical spelling names a slot.
  return connectionId(slot) === id ? slot : undefined;
}
