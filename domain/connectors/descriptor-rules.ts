import type { UrlPolicy } from "../ports/url-policy.js";
import { BASIC_CREDENTIALS, type Descriptor, type Operation, type Parameter, type RouteMapping } from "./descriptor.js";

/** A broken rule: where (a path such as `mcp_config.route_mappings[2].operation_id`) and why. */
export interface Problem {
  path: string;
  message: string;
}

type Rule = (descriptor: Descriptor, urlPolicy: UrlPolicy) => Problem | undefined;

const first = <T>(items: readonly T[], find: (item: T, index: number) => Problem | undefined) => {
  for (const [index, item] of items.entries()) {
    const problem = find(item, index);
    if (problem) return problem;
  }
  return undefined;
};
const duplicateIndex = (values: readonly string[]) => values.findIndex((value, index) => values.indexOf(value) !== index);
const placeholdersOf = (endpoint: string) => [...endpoint.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
const operationAt = (index: number) => `operations[${index}]`;
const mappingAt = (index: number) => `mcp_config.route_mappings[${index}]`;

function endpointProblem(url: string, policy: UrlPolicy): string | undefined {
  const concrete = url.replace(/\{[^}]+\}/g, "x");
  if (!URL.canParse(concrete) || !/^https?:$/.test(new URL(concrete).protocol)) return "must be an absolute http(s) URL";
  return policy(concrete) ?? undefined;
}

function matchesType(value: unknown, type: Parameter["field_type"]): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}

function parameterProblem(operation: Operation, at: string): Problem | undefined {
  const names = operation.parameters.map((parameter) => parameter.name);
  const duplicate = duplicateIndex(names);
  if (duplicate >= 0) return { path: `${at}.parameters[${duplicate}].name`, message: `names ${names[duplicate]} twice` };
  const placeholders = placeholdersOf(operation.endpoint);
  const unmatched = placeholders.find((name) => !operation.parameters.some((each) => each.name === name && each.location === "path"));
  if (unmatched) return { path: `${at}.endpoint`, message: `has {${unmatched}} but no path parameter of that name` };
  return first(operation.parameters, (parameter, index) => {
    const path = `${at}.parameters[${index}]`;
    if (parameter.location === "path" && !placeholders.includes(parameter.name))
      return { path: `${path}.name`, message: "is a path parameter the endpoint has no {placeholder} for" };
    if (parameter.default_value !== undefined && !matchesType(parameter.default_value, parameter.field_type)) {
      return { path: `${path}.default_value`, message: `must be of type ${parameter.field_type}` };
    }
    const badEnum = parameter.enum?.findIndex((value) => !matchesType(value, parameter.field_type)) ?? -1;
    return badEnum >= 0 ? { path: `${path}.enum[${badEnum}]`, message: `must be of type ${parameter.field_type}` } : undefined;
  });
}

function authProblem(descriptor: Descriptor, operation: Operation, at: string): Problem | undefined {
  if (!operation.auth_type_ref) return undefined;
  const auth = descriptor.authentication.find((each) => each.type === operation.auth_type_ref);
  if (!auth) return { path: `${at}.auth_type_ref`, message: `names ${operation.auth_type_ref}, which authentication does not declare` };
  const keys = [...auth.fields.map((field) => field.key), ...(auth.type === "basic" ? [BASIC_CREDENTIALS] : [])];
  for (const [header, template] of Object.entries(operation.auth_headers)) {
    const unknown = placeholdersOf(template).find((key) => !keys.includes(key));
    if (unknown) return { path: `${at}.auth_headers.${header}`, message: `uses {${unknown}}, which is not a field of ${auth.type}` };
  }
  return undefined;
}

function mappingProblem(operation: Operation | undefined, mapping: RouteMapping, at: string): Problem | undefined {
  if (!operation)
    return { path: `${at}.operation_id`, message: `names ${mapping.operation_id}, which is not an operation of this descriptor` };
  for (const [from, to] of Object.entries(mapping.parameter_mappings)) {
    if (!operation.parameters.some((parameter) => parameter.name === from)) {
      return { path: `${at}.parameter_mappings.${from}`, message: `maps ${from}, which is not a parameter of ${operation.operation_id}` };
    }
    if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/.test(to))
      return { path: `${at}.parameter_mappings.${from}`, message: "must map to a valid argument name" };
  }
  const exposed = operation.parameters.map((parameter) => mapping.parameter_mappings[parameter.name] ?? parameter.name);
  const clash = duplicateIndex(exposed);
  return clash >= 0 ? { path: `${at}.parameter_mappings`, message: `gives two parameters the name ${exposed[clash]}` } : undefined;
}

/** The format's rules and this project's (connector-descriptors.md, "Validation"), each naming the path it is about. */
const RULES: Rule[] = [
  (descriptor) => {
    const ids = descriptor.operations.map((operation) => operation.operation_id);
    const duplicate = duplicateIndex(ids);
    return duplicate >= 0 ? { path: `${operationAt(duplicate)}.operation_id`, message: `repeats ${ids[duplicate]}` } : undefined;
  },
  (descriptor, policy) =>
    first(descriptor.operations, (operation, index) => {
      const problem = endpointProblem(operation.endpoint, policy);
      return problem ? { path: `${operationAt(index)}.endpoint`, message: problem } : undefined;
    }),
  (descriptor, policy) => {
    const problem = descriptor.test_endpoint ? endpointProblem(descriptor.test_endpoint.url, policy) : undefined;
    return problem ? { path: "test_endpoint.url", message: problem } : undefined;
  },
  (descriptor) => first(descriptor.operations, (operation, index) => parameterProblem(operation, operationAt(index))),
  (descriptor) => first(descriptor.operations, (operation, index) => authProblem(descriptor, operation, operationAt(index))),
  ({ mcp_config: config }) => {
    if (!config.enabled) return undefined;
    if (!config.server_name || config.server_name.length > 100)
      return { path: "mcp_config.server_name", message: "is required when enabled (1 to 100 characters)" };
    if (!/[A-Za-z0-9]/.test(config.server_name)) return { path: "mcp_config.server_name", message: "must contain letters or digits" };
    const description = config.server_description ?? "";
    return description.length < 1 || description.length > 500
      ? { path: "mcp_config.server_description", message: "is required when enabled (1 to 500 characters)" }
      : undefined;
  },
  ({ mcp_config: config }) => {
    const names = config.route_mappings.map((mapping) => mapping.mcp_tool_name);
    const duplicate = duplicateIndex(names);
    return duplicate >= 0 ? { path: `${mappingAt(duplicate)}.mcp_tool_name`, message: `repeats ${names[duplicate]}` } : undefined;
  },
  (descriptor) =>
    first(descriptor.mcp_config.route_mappings, (mapping, index) =>
      mappingProblem(
        descriptor.operations.find((operation) => operation.operation_id === mapping.operation_id),
        mapping,
        mappingAt(index),
      ),
    ),
];

/** The first rule the descriptor breaks, or undefined when it keeps them all. */
export const descriptorProblem = (descriptor: Descriptor, urlPolicy: UrlPolicy): Problem | undefined =>
  first(RULES, (rule) => rule(descriptor, urlPolicy));
