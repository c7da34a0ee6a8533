/** Model APIs accept tool names of `[A-Za-z0-9_-]{1,64}`; ours must fit. */
export const MAX_TOOL_NAME = 64;
const PREFIX = "mcp__";
const SEPARATOR = "__";
/** Base36 digits of a 64-bit hash. */
const HASH_DIGITS = 13;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const UINT64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a: short, stable, and the same in every process. */
function hash64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & UINT64;
  return hash;
}

/** `count` base36 digits drawn from the text: as many 64-bit hashes as they take, each of the text and its round. */
function hashDigits(text: string, count: number): string {
  let digits = "";
  for (let round = 0; digits.length < count; round++) digits += hash64(`${round}:${text}`).toString(36).padStart(HASH_DIGITS, "0");
  return digits.slice(0, count);
}

/**
 * `mcp__<slug>__<tool>`. A tool name of other characters, or too long to fit below the limit,
 * is cleaned, shortened and completed with a hash of the original name to exactly the limit;
 * a name kept as it is stays below it, so no tool's name can equal another's cleaned one. The
 * result depends on the name alone: the same on every listing, whatever else the server lists.
 */
export function qualifiedName(slug: string, toolName: string): string {
  const head = `${PREFIX}${slug}${SEPARATOR}`;
  if (/^[A-Za-z0-9_-]+$/.test(toolName) && head.length + toolName.length < MAX_TOOL_NAME) return head + toolName;
  const room = MAX_TOOL_NAME - head.length;
  const kept = `${toolName.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, room - 1 - HASH_DIGITS)}_`;
  return head + kept + hashDigits(toolName, room - kept.length);
}
