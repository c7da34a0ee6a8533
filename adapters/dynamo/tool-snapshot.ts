import { DEFAULT_SETTINGS, type ToolRecord, type ToolSettings } from "../../domain/tools/tool.js";
import { packJson, unpackJson } from "./gzip-json.js";

/**
 * A server's tools as stored: what was observed (definitions, fingerprints, when seen), gzip'd
 * JSON in one binary attribute, split into parts when it outgrows an item; and the admins'
 * settings, a map by tool name beside it, so each tool's settings stay writable on their own and
 * a refresh (which rewrites only the observations) never undoes them.
 */

/** Compressed bytes per item: the head item also carries the settings map, and DynamoDB stops at 400 KB. */
export const PART_BYTES = 200_000;

type Observed = Pick<ToolRecord, "name" | "definition" | "fingerprint" | "present" | "lastSeenAt" | "changedAt" | "embedding">;
export type SettingsEntry = Pick<ToolRecord, "settings" | "reviewedFingerprint">;
export type SettingsMap = Record<string, SettingsEntry>;

/** The head item of a server's snapshot (its first part, how many there are, under which revision). */
export interface SnapshotHead {
  tenantId: string;
  serverId: string;
  settings?: SettingsMap;
  observed?: Uint8Array;
  parts?: number;
  revision?: string;
}

export interface SnapshotPart {
  serverId: string;
  revision: string;
  index: number;
  observed: Uint8Array;
}

/** The observations of `records`, compressed and cut into parts of at most PART_BYTES. */
export async function packObservations(records: readonly ToolRecord[]): Promise<Uint8Array[]> {
  const observed: Observed[] = records.map(({ name, definition, fingerprint, present, lastSeenAt, changedAt, embedding }) => ({
    name,
    definition,
    fingerprint,
    present,
    lastSeenAt,
    changedAt,
    ...(embedding ? { embedding } : {}),
  }));
  const bytes = await packJson(observed);
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += PART_BYTES) parts.push(bytes.subarray(offset, offset + PART_BYTES));
  return parts;
}

/**
 * A tool's key in the settings map. The SDK reads a map into a plain object key by key, where
 * "__proto__" sets the prototype and vanishes, and its settings with it (a disabled tool would
 * come back enabled); it is kept under a key no tool with settings has: tool names with settings
 * never hold control characters (setToolSettings refuses them).
 */
const ESCAPE = "\u0001";
export const settingsKey = (name: string) => (name === "__proto__" ? `${ESCAPE}${name}` : name);
const nameOfKey = (key: string) => (key.startsWith(ESCAPE) ? key.slice(ESCAPE.length) : key);

/** The settings of `records` that differ from the defaults, as stored beside the observations. */
export const settingsMapOf = (records: readonly ToolRecord[]): SettingsMap =>
  Object.fromEntries(
    records
      .filter((record) => !isDefault(record.settings) || record.reviewedFingerprint !== null)
      .map(({ name, settings, reviewedFingerprint }) => [settingsKey(name), { settings, reviewedFingerprint }]),
  );

const isDefault = (settings: ToolSettings) =>
  settings.enabled === DEFAULT_SETTINGS.enabled &&
  settings.approvalMode === DEFAULT_SETTINGS.approvalMode &&
  settings.deferred === DEFAULT_SETTINGS.deferred;

/**
 * A server's records from its head and the parts a query returned with it, or "torn" when the
 * parts of the head's revision are not all there (a rewrite finished between the reads): read again.
 */
export async function unpackSnapshot(head: SnapshotHead, parts: readonly SnapshotPart[]): Promise<ToolRecord[] | "torn"> {
  const count = head.parts ?? 0;
  const mine = parts.filter((part) => part.revision === head.revision).sort((a, b) => a.index - b.index);
  if (count > 1 && (mine.length !== count - 1 || mine.some((part, position) => part.index !== position + 1))) return "torn";
  const observed = head.observed ? await unpackJson<Observed[]>(Buffer.concat([head.observed, ...mine.map((part) => part.observed)])) : [];
  // A Map, not the object: a tool may well be called "constructor".
  const settings = new Map(Object.entries(head.settings ?? {}).map(([key, entry]) => [nameOfKey(key), entry]));
  const base = { tenantId: head.tenantId, serverId: head.serverId };
  const seen = new Set(observed.map((tool) => tool.name));
  // Settings may be given before a tool is first seen: such a tool is known, not present.
  const unseen = [...settings.keys()]
    .filter((name) => !seen.has(name))
    .map((name) => ({ name, definition: null, fingerprint: null, present: false, lastSeenAt: null, changedAt: null }));
  return [...observed, ...unseen].map((tool) => ({ ...base, ...tool, ...settingsOf(settings.get(tool.name)) }));
}

const settingsOf = (entry: SettingsEntry | undefined): SettingsEntry => ({
  settings: { ...DEFAULT_SETTINGS, ...entry?.settings },
  reviewedFingerprint: entry?.reviewedFingerprint ?? null,
});
