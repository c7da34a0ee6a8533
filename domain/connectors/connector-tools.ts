import type { McpToolDefinition } from "../ports/mcp-connector.js";
import type { Descriptor, Operation, Parameter, RouteMapping } from "./descriptor.js";

/** The name a parameter has on the MCP side: its mapping, else its own. */
export const exposedName = (mapping: RouteMapping, parameter: Parameter) => mapping.parameter_mappings[parameter.name] ?? parameter.name;

/** What the method says about a tool's effects: GET reads, DELETE destroys (READ/WRITE labels and default approval follow). */
function annotationsOf(operation: Operation): Record<string, unknown> {
  if (operation.method === "GET") return { readOnlyHint: true, openWorldHint: true };
  return { readOnlyHint: false, destructiveHint: operation.method === "DELETE", openWorldHint: true };
}

function propertyOf(parameter: Parameter): Record<string, unknown> {
  return {
    type: parameter.field_type,
    ...(parameter.description ? { description: parameter.description } : {}),
    ...(parameter.default_value !== undefined ? { default: parameter.default_value } : {}),
    ...(parameter.enum ? { enum: parameter.enum } : {}),
  };
}

/** One route mapping as a tool: its operation's parameters, under their mapped names, as a JSON Schema. */
export function toolOf(operation: Operation, mapping: RouteMapping): McpToolDefinition {
  const properties = Object.fromEntries(operation.parameters.map((parameter) => [exposedName(mapping, parameter), propertyOf(parameter)]));
  const required = operation.parameters.filter((parameter) => parameter.required).map((parameter) => exposedName(mapping, parameter));
  return {
    name: mapping.mcp_tool_name,
    ...(operation.summary ? { title: operation.summary } : {}),
    description: mapping.mcp_tool_description,
    inputSchema: { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false },
    annotations: annotationsOf(operation),
  };
}

/** The tools of a generated server: only mapped operations, in mapping order (none unless MCP is enabled). */
export function toolsOf(descriptor: Descriptor): McpToolDefinition[] {
  if (!descriptor.mcp_config.enabled) return [];
  return descriptor.mcp_config.route_mappings.map((mapping) => toolOf(operationOf(descriptor, mapping), mapping));
}

export const operationOf = (descriptor: Descriptor, mapping: RouteMapping) =>
  descriptor.operations.find((operation) => operation.operation_id === mapping.operation_id)!;
