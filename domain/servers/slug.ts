import { z } from "zod";

export const MAX_SLUG_LENGTH = 32;

/**
 * Names that tools or the platform already use as a prefix; a server with one of these slugs
 * could make `mcp__<slug>__<tool>` collide with a built-in tool.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "mcp",
  "builtin",
  "tool_search",
  "search",
  "system",
  "internal",
  "platform",
  "local",
  "agent",
]);

/**
 * Single underscores only: `__` is the separator in qualified tool names, so a slug that
 * contained it would make `mcp__a__b__c` ambiguous.
 */
export const slugSchema = z
  .string()
  .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`)
  .regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, "must be lowercase letters and digits separated by single underscores")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "is reserved");

/** `"GitHub Issues (prod)"` -> `"github_issues_prod"`; empty when the name has no letters or digits. */
export function deriveSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^_+|_+$/g, "");
}
