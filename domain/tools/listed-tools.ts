import type { McpToolDefinition } from "../ports/mcp-connector.js";
import type { SkippedTool } from "../servers/server.js";
import { cutToBytes } from "../shared/text.js";
import { judgeTool, type ToolBounds } from "./listed-tool.js";
import { qualifiedName } from "./qualified-name.js";

/** A server's status names at most this many skipped tools: a server may list thousands of bad ones. */
export const MAX_REPORTED_SKIPS = 100;
/** How much of a skipped tool's name its status repeats. */
const REPORTED_NAME_BYTES = 256;

/** A `tools/list` answer as the platform takes it: the tools it can use, and those it skipped, saying why. */
export interface AcceptedTools {
  tools: McpToolDefinition[];
  skipped: SkippedTool[];
}

/**
 * Each listed tool judged on its own (listed-tool.ts), so one odd tool never costs the server
 * its others; a name listed twice, or whose name for agents another tool already has, keeps
 * only its first listing. The tools kept have unique names and unique qualified names.
 */
export function acceptListedTools(slug: string, listed: readonly unknown[], bounds: ToolBounds): AcceptedTools {
  const tools: McpToolDefinition[] = [];
  const skipped: SkippedTool[] = [];
  const skip = (each: unknown, reason: string) => skipped.push({ name: reportedName(each), reason });
  /** Each kept tool's name, by its name for agents. */
  const kept = new Map<string, string>();
  for (const each of listed) {
    const judgement = judgeTool(each, bounds);
    if ("reason" in judgement) {
      skip(each, judgement.reason);
      continue;
    }
    const { name } = judgement.tool;
    const qualified = qualifiedName(slug, name);
    const holder = kept.get(qualified);
    if (holder !== undefined) {
      skip(
        each,
        holder === name ? "Another tool of the server has the same name." : `Its name for agents, ${qualified}, is already another tool's.`,
      );
      continue;
    }
    kept.set(qualified, name);
    tools.push(judgement.tool);
  }
  return { tools, skipped: skipped.slice(0, MAX_REPORTED_SKIPS) };
}

/** A skipped tool's name as its status shows it: as listed (shortened), or empty when it had none. */
function reportedName(listed: unknown): string {
  const name = typeof listed === "object" && listed !== null ? (listed as { name?: unknown }).name : undefined;
  if (name === undefined || name === null) return "";
  return cutToBytes(typeof name === "string" ? name : JSON.stringify(name), REPORTED_NAME_BYTES, "…");
}
