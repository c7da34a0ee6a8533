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
 * keep their settings. Unchanged tools are not rewritten.
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

  for (const definition of listed) {
    if (seen.has(definition.name)) continue;
    seen.add(definition.name);
    const fingerprint = await fingerprintOf(definition);
    const before = byName.get(definition.name);
    if (before && before.fingerprint === fingerprint && before.present) {
      records.push(before);
      continue;
    }
    const wasSeen = before?.fingerprint != null;
    const next: ToolRecord = {
      tenantId: server.tenantId,
      serverId: server.id,
      name: definition.name,
      definition,
      fingerprint,
      present: true,
      lastSeenAt: now,
      changedAt: wasSeen && before.fingerprint !== fingerprint ? now : (before?.changedAt ?? null),
      settings: before?.settings ?? DEFAULT_SETTINGS,
      reviewedFingerprint: before?.reviewedFingerprint ?? null,
    };
    records.push(next);
    changed.push(next);
  }

  for (const record of known) {
    if (seen.has(record.name)) continue;
    const gone = record.present ? { ...record, present: false } : record;
    records.push(gone);
    if (gone !== record) changed.push(gone);
  }
  return { records, changed };
}
