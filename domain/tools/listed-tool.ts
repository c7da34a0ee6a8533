import type { McpToolDefinition } from "../ports/mcp-connector.js";
import { cutToBytes } from "../shared/text.js";

/** How much of one tool is kept (TOOL_DESCRIPTION_MAX_BYTES, TOOL_SCHEMA_MAX_BYTES): a server may list megabytes. */
export interface ToolBounds {
  /** A longer description or title is cut to this many bytes, with a marker saying so. */
  readonly descriptionBytes: number;
  /** A larger inputSchema skips the tool (a larger outputSchema is dropped): cut, a schema would mean something else. */
  readonly schemaBytes: number;
}

export const DEFAULT_TOOL_BOUNDS: ToolBounds = { descriptionBytes: 8192, schemaBytes: 65_536 };

/** A longer name would not fit the records of its calls. */
export const MAX_LISTED_NAME_LENGTH = 1000;

const HINTS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;

/** A tool as usable (with odd parts mended or dropped), or why it is not usable at all. */
export type Judgement = { tool: McpToolDefinition } | { reason: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const sizeOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * One tool of a `tools/list` answer, on its own: published servers send schemas without
 * `"type": "object"`, `null` where an object belongs, hints that are not booleans, megabytes of
 * description. What can be mended is; a tool is refused only when it cannot be called as listed.
 */
export function judgeTool(listed: unknown, bounds: ToolBounds): Judgement {
  if (!isObject(listed)) return { reason: "It is not a JSON object." };
  const { name } = listed;
  if (name === undefined || name === null || name === "") return { reason: "It has no name." };
  if (typeof name !== "string") return { reason: "Its name is not a string." };
  if (name.length > MAX_LISTED_NAME_LENGTH) return { reason: `Its name is longer than ${MAX_LISTED_NAME_LENGTH} characters.` };
  const inputSchema = inputSchemaOf(listed.inputSchema, bounds);
  if (typeof inputSchema === "string") return { reason: inputSchema };
  const outputSchema = outputSchemaOf(listed.outputSchema, bounds);
  const annotations = isObject(listed.annotations) ? annotationsOf(listed.annotations, bounds) : undefined;
  return {
    tool: {
      name,
      ...textField("title", listed.title, bounds),
      ...textField("description", listed.description, bounds),
      inputSchema,
      ...(outputSchema ? { outputSchema } : {}),
      ...(annotations ? { annotations } : {}),
    },
  };
}

/** The arguments' schema, always an object schema (absent: no arguments), or why there is none. */
function inputSchemaOf(schema: unknown, bounds: ToolBounds): Json | string {
  if (schema === undefined || schema === null) return { type: "object" };
  if (!isObject(schema)) return "Its inputSchema is not a JSON object.";
  const { type = "object", properties, required, $schema, ...rest } = schema;
  if (type !== "object") return `Its inputSchema describes ${cutToBytes(JSON.stringify(type), 64, "…")}, not an object of arguments.`;
  const mended = {
    ...(typeof $schema === "string" ? { $schema } : {}),
    type,
    ...(isObject(properties) ? { properties } : {}),
    ...(Array.isArray(required) && required.every((each) => typeof each === "string") ? { required } : {}),
    ...rest,
  };
  if (sizeOf(mended) > bounds.schemaBytes) return `Its inputSchema is larger than ${bounds.schemaBytes} bytes.`;
  return mended;
}

/** Kept only when it is what MCP says it is, and within bounds: nothing here reads it, and clients would refuse a bad one. */
const outputSchemaOf = (schema: unknown, bounds: ToolBounds) =>
  isObject(schema) && schema.type === "object" && sizeOf(schema) <= bounds.schemaBytes ? schema : undefined;

/** The hints MCP defines, where they are booleans, and the title: a hint of another type means nothing. */
function annotationsOf(annotations: Json, bounds: ToolBounds): Json {
  const hints = HINTS.filter((hint) => typeof annotations[hint] === "boolean").map((hint) => [hint, annotations[hint]] as const);
  return { ...textField("title", annotations.title, bounds), ...Object.fromEntries(hints) };
}

/** `{ [field]: text }` cut to the bound, or nothing when it is not a string. */
function textField(field: "title" | "description", value: unknown, bounds: ToolBounds): Partial<Record<typeof field, string>> {
  if (typeof value !== "string") return {};
  const max = bounds.descriptionBytes;
  return { [field]: cutToBytes(value, max, `… [${field} cut at ${max} bytes]`) };
}
