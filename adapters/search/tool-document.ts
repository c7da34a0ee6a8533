import type { SearchableTool } from "../../domain/ports/tool-index.js";

/** The fields a tool is searched by. */
export type Field = "name" | "title" | "description" | "server" | "params";

export type ToolDocument = Record<Field, string> & { key: string; serverId: string };

/**
 * What a tool is, it says first: long descriptions go on with usage notes and examples that
 * match every query a little. Only this much of a description and of its parameters' text is indexed.
 */
const MAX_DESCRIPTION_TEXT = 500;
const MAX_PARAMS_TEXT = 1000;

/** Property names and descriptions of an input schema, one level of nesting deep. */
function parameterText(schema: Record<string, unknown>, depth = 0): string[] {
  const properties = schema.properties;
  if (!properties || typeof properties !== "object" || depth > 1) return [];
  return Object.entries(properties as Record<string, Record<string, unknown>>).flatMap(([name, property]) => [
    name,
    typeof property?.description === "string" ? property.description : "",
    ...(property && typeof property === "object" ? parameterText(property, depth + 1) : []),
  ]);
}

export function toolDocument(tool: SearchableTool): ToolDocument {
  return {
    key: tool.key,
    serverId: tool.serverId,
    name: tool.name,
    title: tool.title ?? "",
    description: (tool.description ?? "").slice(0, MAX_DESCRIPTION_TEXT),
    // The product's name lowercased, so it stays whole ("GitLab" is gitlab, not git and lab).
    server: `${tool.serverName.toLowerCase()} ${tool.serverDescription ?? ""}`,
    params: parameterText(tool.inputSchema).join(" ").slice(0, MAX_PARAMS_TEXT),
  };
}
