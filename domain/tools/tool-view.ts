import { effectiveApproval, labelOf, needsReview, type ToolLabel, type ToolRecord } from "./tool.js";
import { qualifiedName } from "./qualified-name.js";

/** A tool as callers see it: its definition, its name for agents, and what its settings mean. Shared between requests: never mutated. */
export interface ToolView {
  readonly serverId: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly inputSchema: Record<string, unknown>;
  readonly annotations: Record<string, unknown> | null;
  readonly labels: ToolLabel[];
  readonly enabled: boolean;
  readonly approvalMode: ToolRecord["settings"]["approvalMode"];
  readonly requiresApproval: boolean;
  readonly deferred: boolean;
  readonly present: boolean;
  readonly changedAt: string | null;
  /** Its definition changed since an admin last set its approval: auto-approval is suspended. */
  readonly reviewRequired: boolean;
}

/**
 * Views already made, by record: a warm process serves the same cached records call after call,
 * so a catalog of thousands of tools is not rebuilt (and collected) on every request.
 */
const made = new WeakMap<ToolRecord, { slug: string; view: ToolView }>();

export function toolView(slug: string, record: ToolRecord): ToolView {
  const known = made.get(record);
  if (known?.slug === slug) return known.view;
  const view = viewOf(slug, record);
  made.set(record, { slug, view });
  return view;
}

function viewOf(slug: string, record: ToolRecord): ToolView {
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
