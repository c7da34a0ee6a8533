import type { McpToolDefinition } from "../ports/mcp-connector.js";
import { fingerprintOf } from "./fingerprint.js";
import { DEFAULT_SETTINGS, type ToolRecord } from "./tool.js";

export interface Observation {
  /** Every tool record of the server after this listing, settings included. */
  records: ToolRecord[];
  /** The records that differ from what was stored: the only ones to write. */
  changed: ToolRecord[];
}

/**
 * Folds a fresh `tools/list` into what was known: new tools appear, changed ones get `changedAt`
 * (which revokes auto-approval until an admin looks again), vanished ones are marked absent and
 * keep their settings. Unchanged tools are not rewritten. `listed` is as accepted
 * (listed-tools.ts): one definition per name.
 */
export async function observeListing(
  server: { tenantId: string; id: string },
  known: readonly ToolRecord[],
  listed: readonly McpToolDefinition[],
  now: string,
): Promise<Observation> {
  const byName = new Map(known.map((record) => [record.name, record]));
  const records: ToolRecord[] = [];
  const changed: ToolRecord[] = [];
  const seen = new Set<string>();
  const keep = (before: ToolRecord | undefined, after: ToolRecord) => {
    records.push(after);
    if (after !== before) changed.push(after);
  };

  for (const definition of listed) {
    seen.add(definition.name);
    const before = byName.get(definition.name);
    keep(before, observed(server, before, definition, await fingerprintOf(definition), now));
  }
  for (const record of known) {
    if (!seen.has(record.name)) keep(record, record.present ? { ...record, present: false } : record);
  }
  return { records, changed };
}

/** One listed tool against what was known of it: the same record when nothing changed. */
function observed(
  server: { tenantId: string; id: string },
  before: ToolRecord | undefined,
  definition: McpToolDefinition,
  fingerprint: string,
  now: string,
): ToolRecord {
  if (before && before.fingerprint === fingerprint && before.present) return before;
  // A tool seen before with another definition changed now; a new or returning one keeps its history.
  const changedNow = before?.fingerprint != null && before.fingerprint !== fingerprint;
  return {
    tenantId: server.tenantId,
    serverId: server.id,
    name: definition.name,
    definition,
    fingerprint,
    present: true,
    lastSeenAt: now,
    changedAt: changedNow ? now : (before?.changedAt ?? null),
    ...settingsOf(before),
  };
}

/** What an admin set survives any listing. */
const settingsOf = (before: ToolRecord | undefined) => ({
  settings: before?.settings ?? DEFAULT_SETTINGS,
  reviewedFingerprint: before?.reviewedFingerprint ?? null,
});
