import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import type { Actor } from "../domain/access/actor.js";
import type { AgentCatalog } from "../domain/tools/agent-catalog.js";
import { DomainError } from "../domain/shared/errors.js";
import { failureResult } from "./call-results.js";

export const TOOL_SEARCH = "tool_search";
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;

/** The tool that finds the tools kept out of the list (deferred), by what they do. */
export const toolSearchTool: Tool = {
  name: TOOL_SEARCH,
  title: "Search tools",
  description:
    "Finds more tools by what they do: some tools are not listed, to keep the list short. Describe the task in plain words; " +
    "each tool found comes with its name, description and input schema, and can be called by that name at once.",
  inputSchema: {
    type: "object",
    properties: {
      query: { type: "string", description: "What you want to do, in plain words.", minLength: 1, maxLength: 500 },
      limit: {
        type: "integer",
        description: `How many tools to return (1 to ${MAX_LIMIT}).`,
        minimum: 1,
        maximum: MAX_LIMIT,
        default: DEFAULT_LIMIT,
      },
    },
    required: ["query"],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

/** `tool_search`: the deferred tools the actor may use that match the query, as a readable list and as structured content. */
export async function searchDeferredTools(catalog: AgentCatalog, actor: Actor, args: Record<string, unknown>): Promise<CallToolResult> {
  const { query, limit = DEFAULT_LIMIT } = args;
  if (typeof query !== "string") return failureResult("query must be a string saying what you want to do.");
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return failureResult(`limit must be an integer from 1 to ${MAX_LIMIT}.`);
  }
  try {
    const found = await catalog.searchTools(actor, query, limit, { onlyDeferred: true });
    const tools = found.map((tool) => ({ name: tool.qualifiedName, description: tool.description ?? "", inputSchema: tool.inputSchema }));
    const listing = tools.map((tool) => `- ${tool.name}: ${tool.description.split("\n")[0]}`).join("\n");
    return {
      content: [{ type: "text", text: tools.length ? `Found ${tools.length} tool(s):\n${listing}` : "No tool matches; try other words." }],
      structuredContent: { tools },
    };
  } catch (error) {
    if (error instanceof DomainError) return failureResult(error.message);
    throw error;
  }
}
