import { badInput, notFound } from "../shared/errors.js";
import { UpstreamError } from "../shared/upstream-error.js";
import { exposedName, operationOf } from "./connector-tools.js";
import { BASIC_CREDENTIALS, type Descriptor, type Operation, type Parameter, type RouteMapping } from "./descriptor.js";

/** An HTTP request a tool call becomes: where, how, with which headers and body. */
export interface HttpRequestPlan {
  method: Operation["method"];
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const HEADER_VALUE = /^[^\r\n\0]*$/;

/** The route mapping an agent calls by its tool name; unmapped operations cannot be reached by any name. */
export function mappingNamed(descriptor: Descriptor, toolName: string): { mapping: RouteMapping; operation: Operation } {
  const mapping = descriptor.mcp_config.enabled
    ? descriptor.mcp_config.route_mappings.find((each) => each.mcp_tool_name === toolName)
    : undefined;
  if (!mapping) throw notFound(`Tool ${toolName}`);
  return { mapping, operation: operationOf(descriptor, mapping) };
}

const basicCredentials = ({ username = "", password = "" }: Readonly<Record<string, string>>) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`)));

/** `{key}` in an auth header template replaced by that credential field (a missing field means the connection is incomplete). */
function authHeaders(operation: Operation, given: Readonly<Record<string, string>>): Record<string, string> {
  const fields = operation.auth_type_ref === "basic" ? { ...given, [BASIC_CREDENTIALS]: basicCredentials(given) } : given;
  return Object.fromEntries(
    Object.entries(operation.auth_headers).map(([name, template]) => {
      const value = template.replace(/\{([^}]+)\}/g, (_match, key: string) => {
        const field = fields[key];
        if (field === undefined)
          throw new UpstreamError("not_connected", `The connection has no ${key}; add it to the connection's fields.`);
        return field;
      });
      if (!HEADER_VALUE.test(value))
        throw new UpstreamError("not_connected", `The connection's ${name} value is not a valid header value.`);
      return [name, value];
    }),
  );
}

interface Placed {
  endpoint: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const textOf = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** One argument where its operation wants it: the path, the query, a header, or the JSON body. */
function place(placed: Placed, parameter: Parameter, name: string, value: unknown): void {
  if (parameter.location === "path") placed.endpoint = placed.endpoint.replaceAll(`{${parameter.name}}`, encodeURIComponent(textOf(value)));
  else if (parameter.location === "query")
    for (const each of Array.isArray(value) ? value : [value]) placed.query.push([parameter.name, textOf(each)]);
  else if (parameter.location === "body") placed.body[parameter.name] = value;
  else {
    if (!HEADER_VALUE.test(textOf(value))) throw badInput(name, "must not contain line breaks");
    placed.headers[parameter.name] = textOf(value);
  }
}

/**
 * The descriptor's `test_endpoint` request, authenticated like its operations (with the headers
 * of the first operation that uses authentication): what validating the server sends. Undefined
 * when the descriptor declares none.
 */
export function testRequestFor(
  descriptor: Descriptor,
  fields: Readonly<Record<string, string>>,
): (HttpRequestPlan & { expectedStatus: number }) | undefined {
  const test = descriptor.test_endpoint;
  if (!test) return undefined;
  const authenticated = descriptor.operations.find((operation) => operation.auth_type_ref);
  return {
    method: test.method,
    url: test.url,
    headers: { accept: "application/json", ...(authenticated ? authHeaders(authenticated, fields) : {}) },
    expectedStatus: test.expected_status,
  };
}

/**
 * The request for one tool call: each argument back under its operation's parameter name,
 * defaults filled in, placed in the path, query, headers or JSON body as the operation says,
 * and the authentication headers rendered from the connection's credential fields.
 */
export function requestFor(
  descriptor: Descriptor,
  toolName: string,
  args: Record<string, unknown>,
  fields: Readonly<Record<string, string>>,
): HttpRequestPlan {
  const { mapping, operation } = mappingNamed(descriptor, toolName);
  const placed: Placed = { endpoint: operation.endpoint, query: [], headers: {}, body: {} };
  for (const parameter of operation.parameters) {
    const name = exposedName(mapping, parameter);
    const value = args[name] ?? parameter.default_value;
    if (value !== undefined && value !== null) place(placed, parameter, name, value);
    else if (parameter.required) throw badInput(name, "is required");
  }
  const { headers, body } = placed;
  const url = new URL(placed.endpoint);
  for (const [name, value] of placed.query) url.searchParams.append(name, value);
  const hasBody = Object.keys(body).length > 0;
  return {
    method: operation.method,
    url: url.href,
    headers: {
      accept: "application/json",
      ...headers,
      ...authHeaders(operation, fields),
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    ...(hasBody ? { body: JSON.stringify(body) } : {}),
  };
}
