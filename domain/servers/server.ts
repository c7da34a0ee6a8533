import type { SealedSecret } from "../secrets/sealed-secret.js";
import type { SealedHeader } from "../secrets/secrets.js";

export const TRANSPORTS = ["STREAMABLE_HTTP", "SSE", "WEBSOCKET"] as const;
export const SERVER_AUTH_TYPES = ["NONE", "TOKEN", "OAUTH2", "JWT_PASSTHROUGH", "SIGNED_IDENTITY"] as const;
export const VISIBILITIES = ["PRIVATE", "SHARED"] as const;
export const CONNECTION_STATUSES = ["UNKNOWN", "CONNECTED", "NOT_CONNECTED", "ERROR", "RECONNECT_REQUIRED"] as const;

export type Transport = (typeof TRANSPORTS)[number];
export type ServerAuthType = (typeof SERVER_AUTH_TYPES)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** The connector a generated server comes from, and the revision of it that it serves. */
export interface GeneratedFrom {
  readonly id: string;
  readonly revision: number;
}

/** A remote MCP server registered in one tenant. Timestamps are ISO-8601 strings. */
export interface McpServer {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  /** Stable part of tool names (`mcp__<slug>__<tool>`); kept on rename so agents' tool names don't move. */
  readonly slug: string;
  readonly description: string | null;
  /** Its query values masked (`?api_key=••••1234`); the query itself is `urlQuery`. */
  readonly url: string;
  /**
   * The URL's query, whose values are secrets, sealed; null without one. Absent on a server stored
   * before queries were sealed: its `url` still holds the query in clear until an update gives the URL again.
   */
  readonly urlQuery?: SealedSecret | null;
  readonly transport: Transport;
  readonly authType: ServerAuthType;
  readonly visibility: Visibility;
  /** The one user who sees and uses a PRIVATE server; null for SHARED servers. */
  readonly ownerId: string | null;
  readonly createdBy: string;
  readonly isEnabled: boolean;
  readonly isFeatured: boolean;
  /** null: every agent of the tenant. */
  readonly agentAccess: readonly string[] | null;
  readonly headers: readonly SealedHeader[];
  readonly authHeaderName: string;
  /** TOKEN: the full auth header value; JWT_PASSTHROUGH: its template (`Bearer %{jwt_token}`). Sealed. */
  readonly credential: SealedSecret | null;
  /** OAUTH2: a client registered by hand; without one, dynamic client registration is used. */
  readonly oauthClientId: string | null;
  readonly oauthClientSecret: SealedSecret | null;
  readonly oauthScopes: readonly string[] | null;
  /** A server generated from a connector descriptor: which one, at which revision. Null for remote MCP servers. */
  readonly connector?: GeneratedFrom | null;
  readonly toolsCacheEnabled: boolean;
  readonly toolsCachedAt: string | null;
  /** What its endpoint was found to speak: a later connection (a cold job's) starts there, without probing. */
  readonly protocol?: KnownProtocol | null;
  readonly status: ConnectionStatus;
  readonly lastError: string | null;
  readonly lastValidatedAt: string | null;
  /** The tools its last listing could not use, and why (absent: none, or not listed since this was kept). */
  readonly skippedTools?: readonly SkippedTool[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-locking counter: every write is conditional on the version it read. */
  readonly version: number;
}

/** A tool a server listed that the platform could not use (no name, no usable schema, a name taken), and why. */
export interface SkippedTool {
  /** Its name as listed, shortened; empty when it had none. */
  readonly name: string;
  readonly reason: string;
}

/**
 * What one MCP endpoint speaks, as learnt by talking to it. Only a hint: a connection that finds
 * it wrong probes again (and the new answer is recorded).
 */
export interface KnownProtocol {
  /** The URL it was learnt at: a server that moves is probed again. */
  readonly url: string;
  readonly era: "modern" | "legacy";
  /** The 2026-era `server/discover` answer, replayed instead of asked again. */
  readonly discover?: Record<string, unknown>;
  /** Whether a GET opens a stream of server messages (false: it answered 405, and is not asked again). */
  readonly serverStream?: boolean;
  /** When it was probed: an older hint is probed again, so a server's new capabilities are seen within a day. */
  readonly learntAt: string;
}

/** Auth types whose server may hold a credential: TOKEN's value, or JWT_PASSTHROUGH's header template. */
export const takesCredential = (authType: ServerAuthType) => authType === "TOKEN" || authType === "JWT_PASSTHROUGH";

/** Auth types that send a user's or the platform's token: they must not travel in clear. */
export const sendsIdentity = (authType: ServerAuthType) => authType === "JWT_PASSTHROUGH" || authType === "SIGNED_IDENTITY";
