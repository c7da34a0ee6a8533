import type { McpToolDefinition } from "../ports/mcp-connector.js";

export const APPROVAL_MODES = ["DEFAULT", "ASK", "AUTO"] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const TOOL_LABELS = ["READ", "WRITE"] as const;
export type ToolLabel = (typeof TOOL_LABELS)[number];

export interface ToolSettings {
  readonly enabled: boolean;
  readonly approvalMode: ApprovalMode;
  /** Hidden from the catalog; found through searchTools instead (keeps agent prompts small). */
  readonly deferred: boolean;
}

export const DEFAULT_SETTINGS: ToolSettings = { enabled: true, approvalMode: "DEFAULT", deferred: false };

/**
 * What the platform knows of one tool of one server: the definition last seen (the cache), when
 * it last changed, and the admin's settings. Settings outlive the tool: a tool that disappears
 * keeps them for when it comes back.
 */
export interface ToolRecord {
  readonly tenantId: string;
  readonly serverId: string;
  readonly name: string;
  readonly definition: McpToolDefinition | null;
  readonly fingerprint: string | null;
  /** Whether the server listed it the last time it was asked. */
  readonly present: boolean;
  readonly lastSeenAt: string | null;
  /** When its description, schema or annotations last changed after it was first seen. */
  readonly changedAt: string | null;
  readonly settings: ToolSettings;
  /** The fingerprint an admin last looked at when setting its approval: auto-approval holds only for that. */
  readonly reviewedFingerprint: string | null;
  /** A cloud embedding of the definition (when semantic search by a provider is configured), made when it was last seen. */
  readonly embedding?: readonly number[] | null;
}

export const labelOf = (definition: McpToolDefinition | null): ToolLabel =>
  definition?.annotations?.readOnlyHint === true ? "READ" : "WRITE";

/** A tool whose definition changed since an admin last looked may not run unasked. */
export const needsReview = (record: ToolRecord) =>
  record.changedAt !== null && record.fingerprint !== null && record.reviewedFingerprint !== record.fingerprint;

/** ASK always asks; AUTO never does (unless the tool changed since review); DEFAULT asks for WRITE tools. */
export function effectiveApproval(record: ToolRecord): { mode: ApprovalMode; requiresApproval: boolean } {
  const mode = record.settings.approvalMode === "AUTO" && needsReview(record) ? "ASK" : record.settings.approvalMode;
  const requiresApproval = mode === "ASK" || (mode === "DEFAULT" && labelOf(record.definition) === "WRITE");
  return { mode, requiresApproval };
}
