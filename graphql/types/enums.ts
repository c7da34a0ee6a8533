import { DECISION_CHANNELS, TOOL_CALL_STATUSES } from "../../domain/calls/tool-call.js";
import { CONNECTION_SCOPES } from "../../domain/connections/connection.js";
import { APPROVAL_MODES, TOOL_LABELS } from "../../domain/tools/tool.js";
import { CONNECTION_STATUSES, SERVER_AUTH_TYPES, TRANSPORTS, VISIBILITIES } from "../../domain/servers/server.js";
import { builder } from "../builder.js";

export const TransportEnum = builder.enumType("Transport", { values: TRANSPORTS });
export const ServerAuthTypeEnum = builder.enumType("ServerAuthType", { values: SERVER_AUTH_TYPES });
export const VisibilityEnum = builder.enumType("Visibility", { values: VISIBILITIES });
export const ConnectionStatusEnum = builder.enumType("ConnectionStatus", { values: CONNECTION_STATUSES });
export const ConnectionScopeEnum = builder.enumType("ConnectionScope", { values: CONNECTION_SCOPES });
export const ResolutionSourceEnum = builder.enumType("ConnectionSource", {
  description: "Where a call's credential comes from; SERVER_CREDENTIAL is the server's own, its tenant-wide default.",
  values: [...CONNECTION_SCOPES, "SERVER_CREDENTIAL", "NONE"] as const,
});
export const ApprovalModeEnum = builder.enumType("ApprovalMode", {
  description: "DEFAULT asks before WRITE tools only; ASK always asks; AUTO never asks (until the tool changes).",
  values: APPROVAL_MODES,
});
export const ToolLabelEnum = builder.enumType("ToolLabel", {
  description: "READ when the tool declares readOnlyHint, else WRITE.",
  values: TOOL_LABELS,
});
export const ToolCallStatusEnum = builder.enumType("ToolCallStatus", { values: TOOL_CALL_STATUSES });

export const DecisionChannelEnum = builder.enumType("DecisionChannel", {
  description: "Where a call's user decided it: their approval inbox, or the prompt their MCP client showed them.",
  values: DECISION_CHANNELS,
});
