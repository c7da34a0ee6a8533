import { DECISION_CHANNELS, TOOL_CALL_STATUSES } from "../../domain/calls/tool-call.js";
import { CONNECTION_SCOPES } from "../../domain/connections/connection.js";
import { APPROVAL_MODES, TOOL_LABELS } from "../../domain/tools/tool.js";
import { CONNECTION_STATUSES, SERVER_AUTH_TYPES, TRANSPORTS, VISIBILITIES } from "../../domain/servers/server.js";
import { builder } from "../builder.js";

/** An enum's values in the domain's order and names, each with its description (a missing one fails to compile). */
const described = <const V extends string>(values: readonly V[], descriptions: Record<V, string>) =>
  Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as Record<V, { description: string }>;

export const TransportEnum = builder.enumType("Transport", {
  description: "How the platform speaks MCP to a server.",
  values: described(TRANSPORTS, {
    STREAMABLE_HTTP: "MCP Streamable HTTP, at an http(s) URL.",
    SSE: "The older MCP HTTP+SSE transport, at an http(s) URL.",
    WEBSOCKET: "MCP over a WebSocket, at a ws(s) or http(s) URL.",
  }),
});
export const ServerAuthTypeEnum = builder.enumType("ServerAuthType", {
  description: "How requests to a server say who calls.",
  values: described(SERVER_AUTH_TYPES, {
    NONE: "The server requires no credential.",
    TOKEN: "A stored token: from the caller's, the agent's or the platform connection, else the server's own credential.",
    OAUTH2: "Each user connects their own account with startOAuth; calls use that user's tokens only.",
    JWT_PASSTHROUGH: "Sends the embedded chat's verified user JWT: `%{jwt_token}` in the header values becomes it.",
    SIGNED_IDENTITY: "Sends a short-lived JWT the platform signs per call (aud: the server's URL), verifiable at /.well-known/jwks.json.",
  }),
});
export const VisibilityEnum = builder.enumType("Visibility", {
  description: "Who sees and uses a server.",
  values: described(VISIBILITIES, {
    PRIVATE: "Only its owner (ownerId) sees and uses it; admins do not.",
    SHARED: "Every member of the tenant sees it; only admins change it.",
  }),
});
export const ConnectionStatusEnum = builder.enumType("ConnectionStatus", {
  description: "Whether a server (or a connection to it) was last found usable.",
  values: described(CONNECTION_STATUSES, {
    UNKNOWN: "Not checked since it was created or its address or credentials changed.",
    CONNECTED: "The last check or sign-in reached it.",
    NOT_CONNECTED: "No credential to call it with yet (for OAUTH2: the user has not connected their account).",
    ERROR: "The last check failed; see lastError.",
    RECONNECT_REQUIRED: "OAUTH2: the tokens were refused or could not be refreshed; the user must connect again with startOAuth.",
  }),
});
export const ConnectionScopeEnum = builder.enumType("ConnectionScope", {
  description: "Whom a connection's credential belongs to. A call tries the caller's USER connection, then its agent's, then PLATFORM.",
  values: described(CONNECTION_SCOPES, {
    PLATFORM: "The whole tenant (admins manage it).",
    AGENT: "One agent, named by agentId (admins manage it).",
    USER: "One user, named by userId.",
  }),
});
export const ResolutionSourceEnum = builder.enumType("ConnectionSource", {
  description: "Where a call's credential comes from; SERVER_CREDENTIAL is the server's own, its tenant-wide default.",
  values: described([...CONNECTION_SCOPES, "SERVER_CREDENTIAL", "NONE"] as const, {
    PLATFORM: "The tenant's PLATFORM connection.",
    AGENT: "The calling agent's AGENT connection.",
    USER: "The caller's own USER connection.",
    SERVER_CREDENTIAL: "The server's own credential: no connection applied.",
    NONE: "No credential is sent: none is available, or the server needs none.",
  }),
});
export const ApprovalModeEnum = builder.enumType("ApprovalMode", {
  description: "DEFAULT asks before WRITE tools only; ASK always asks; AUTO never asks (until the tool changes).",
  values: described(APPROVAL_MODES, {
    DEFAULT: "Asks the user before WRITE tools; READ tools run unasked.",
    ASK: "Always asks the user before the tool runs.",
    AUTO: "Never asks, unless the tool changed since an admin set this (see reviewRequired).",
  }),
});
export const ToolLabelEnum = builder.enumType("ToolLabel", {
  description: "READ when the tool declares readOnlyHint, else WRITE.",
  values: described(TOOL_LABELS, {
    READ: "The tool declares readOnlyHint: it only reads.",
    WRITE: "The tool may change something (it does not declare readOnlyHint).",
  }),
});
export const ToolCallStatusEnum = builder.enumType("ToolCallStatus", {
  description: "Where a tool call is in its life. SUCCEEDED, FAILED, REJECTED and EXPIRED are final.",
  values: described(TOOL_CALL_STATUSES, {
    PENDING_APPROVAL: "Waiting for the user it acts for to approve or reject it.",
    RUNNING: "Sent to the server; no answer yet. Never longer than the call timeout plus INTERRUPTED_CALL_MARGIN.",
    SUCCEEDED: "The tool ran and returned a result.",
    FAILED: "The tool reported an error, the server could not be called, or the process running it died (error: interrupted); see error.",
    REJECTED: "The user rejected it; see reason.",
    EXPIRED: "Nobody decided within APPROVAL_TTL; it never ran.",
  }),
});

export const DecisionChannelEnum = builder.enumType("DecisionChannel", {
  description: "Where a call's user decided it: their approval inbox, or the prompt their MCP client showed them.",
  values: described(DECISION_CHANNELS, {
    INBOX: "The approval inbox (approveToolCall or rejectToolCall).",
    PROMPT: "The prompt the user's MCP client showed them.",
  }),
});
