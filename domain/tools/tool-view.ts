import { effectiveApproval, labelOf, needsReview, type ToolLabel, type ToolRecord } from "./tool.js";
import { qualifiedName } from "./qualified-name.js";

/** A tool as callers see it: its definition, its name for agents, and what its settings mean. */
export interface ToolView {
  serverId: string;
  name: string;
  qualifiedName: string;
  title: string | null;
  description: string | null;
  inputSchema: Record<string, unknown>;
  annotations: Record<string, unknown> | null;
  labels: ToolLabel[];
  enabled: boolean;
  approvalMode: ToolRecord["settings"]["approvalMode"];
  requiresApproval: boolean;
  deferred: boolean;
  present: boolean;
  changedAt: string | null;
  /** Its definition changed since an admin last set its approval: auto-approval is suspended. */
  reviewRequired: boolean;
}

export function toolView(slug: string, record: ToolRecord): ToolView {
  const definition = record.definition;
  return {
    serverId: record.serverId,
    name: record.name,
    qualifiedName: qualifiedName(slug, record.name),
    title: definition?.title ?? null,
    description: definition?.description ?? null,
    inputSchema: definition?.inputSchema ?? { type: "object" },
    annotations: definition?.annotations ?? null,
    labels: [labelOf(definition)],
    enabled: record.settings.enabled,
    approvalMode: record.settings.approvalMode,
    requiresApproval: effectiveApproval(record).requiresApproval,
    deferred: record.settings.deferred,
    present: record.present,
    changedAt: record.changedAt,
    reviewRequired: needsReview(record),
  };
}
