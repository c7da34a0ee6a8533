/** Model APIs accept tool names of `[A-Za-z0-9_-]{1,64}`; ours must fit. */
export const MAX_TOOL_NAME = 64;
const PREFIX = "mcp__";
const SEPARATOR = "__";

/** 32-bit FNV-1a, base36: a short, stable suffix that tells apart names shortened alike. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0");
}

/**
 * `mcp__<slug>__<tool>`. A tool name with other characters, or too long to fit, is cleaned and
 * shortened deterministically with a hash of the original name, so it stays unique and the
 * same on every listing (and so still callable).
 */
export function qualifiedName(slug: string, toolName: string): string {
  const head = `${PREFIX}${slug}${SEPARATOR}`;
  const cleaned = toolName.replace(/[^A-Za-z0-9_-]/g, "_");
  if (cleaned === toolName && head.length + cleaned.length <= MAX_TOOL_NAME) return head + cleaned;
  const suffix = `_${shortHash(toolName)}`;
  return head + cleaned.slice(0, Math.max(1, MAX_TOOL_NAME - head.length - suffix.length)) + suffix;
}
