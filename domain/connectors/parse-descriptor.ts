import type { UrlPolicy } from "../ports/url-policy.js";
import { badInput } from "../shared/errors.js";
import { type Descriptor, descriptorSchema } from "./descriptor.js";
import { descriptorProblem } from "./descriptor-rules.js";

/** The largest descriptor accepted, as text. */
export const MAX_DESCRIPTOR_BYTES = 256 * 1024;

/** A path as the format's documentation writes it: `mcp_config.route_mappings[2].operation_id`. */
export const pathOf = (segments: ReadonlyArray<PropertyKey>) =>
  segments.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index ? "." : ""}${String(segment)}`)).join("");

/**
 * YAML or JSON text as data: JSON is YAML, and the YAML parser builds plain data only (no tags,
 * few aliases). The parser is loaded when a descriptor arrives, not with every function.
 */
async function dataOf(text: string, field: string): Promise<unknown> {
  if (new TextEncoder().encode(text).length > MAX_DESCRIPTOR_BYTES)
    throw badInput(field, `must be at most ${MAX_DESCRIPTOR_BYTES / 1024} KiB`);
  const { parse: parseYaml } = await import("yaml");
  try {
    return parseYaml(text, { schema: "core", merge: false, maxAliasCount: 20, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const where =
      error instanceof Error && "linePos" in error
        ? ` (line ${(error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? "?"})`
        : "";
    throw badInput(field, `is neither valid YAML nor JSON${where}`);
  }
}

/**
 * A descriptor from its text, checked against every rule of the format: the first broken rule
 * is BAD_USER_INPUT whose field is the path within the descriptor. Nothing is kept on failure.
 */
export async function parseDescriptor(text: string, urlPolicy: UrlPolicy, field = "descriptor"): Promise<Descriptor> {
  const parsed = descriptorSchema.safeParse(await dataOf(text, field));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(pathOf(issue.path) || field, issue.message);
  }
  const problem = descriptorProblem(parsed.data, urlPolicy);
  if (problem) throw badInput(problem.path, problem.message);
  return parsed.data;
}
