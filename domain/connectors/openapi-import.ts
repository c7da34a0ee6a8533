import { z } from "zod";
import { badInput } from "../shared/errors.js";
import { FIELD_TYPES, HTTP_METHODS } from "./descriptor.js";

type Json = Record<string, unknown>;

const record = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const cut = (text: string | undefined, max: number) => (text && text.length > max ? `${text.slice(0, max - 1)}…` : text);
const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60) || "api";

/** The parts of OpenAPI objects the import reads; everything else passes through unread. */
const schemaShape = z.looseObject({
  type: z.unknown().optional(),
  default: z.unknown().optional(),
  enum: z.array(z.unknown()).optional(),
  description: z.string().optional(),
});
const parameterShape = z.looseObject({
  name: z.string(),
  in: z.string(),
  required: z.boolean().optional(),
  description: z.string().optional(),
  schema: z.unknown().optional(),
});
const operationShape = z.looseObject({
  operationId: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  parameters: z.array(z.unknown()).optional(),
  requestBody: z.unknown().optional(),
  security: z.array(z.record(z.string(), z.unknown())).optional(),
});
const documentShape = z.looseObject({
  openapi: z.string().regex(/^3\.[01]\./),
  info: z
    .looseObject({ title: z.string().default("API"), version: z.unknown().optional(), description: z.string().optional() })
    .default({ title: "API", version: undefined }),
  servers: z
    .array(z.looseObject({ url: z.string(), variables: z.record(z.string(), z.looseObject({ default: z.unknown() })).optional() }))
    .default([]),
  paths: z.record(z.string(), z.unknown()).default({}),
  security: z.array(z.record(z.string(), z.unknown())).optional(),
  components: z.unknown().optional(),
});
type Document = z.output<typeof documentShape>;

/** `#/components/...` references followed within the document (external ones are not fetched). */
function resolved(document: Json, value: unknown, depth = 0): unknown {
  const ref = record(value).$ref;
  if (typeof ref !== "string" || depth > 10) return value;
  if (!ref.startsWith("#/")) throw badInput("document", `refers to ${ref}; only references inside the document are followed`);
  const target = ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => record(node)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  return resolved(document, target, depth + 1);
}

function parameterOf(document: Json, name: string, location: string, schema: unknown, required: boolean, description?: string) {
  const shape = schemaShape.safeParse(record(resolved(document, schema))).data ?? {};
  const type = FIELD_TYPES.find((each) => each === shape.type) ?? "string";
  return {
    name,
    location,
    field_type: type,
    required,
    ...(description ? { description: cut(description, 500) } : {}),
    ...(shape.default !== undefined ? { default_value: shape.default } : {}),
    ...(shape.enum?.length ? { enum: shape.enum } : {}),
  };
}

/** Path, query and header parameters (of the path and the operation), and the JSON request body's properties. */
function parametersOf(document: Json, pathItem: Json, operation: z.output<typeof operationShape>) {
  const shared: unknown[] = Array.isArray(pathItem.parameters) ? (pathItem.parameters as unknown[]) : [];
  const declared = [...shared, ...(operation.parameters ?? [])].map((each) => parameterShape.safeParse(resolved(document, each)));
  const own = declared
    .flatMap((each) => (each.success && ["path", "query", "header"].includes(each.data.in) ? [each.data] : []))
    .map((each) => parameterOf(document, each.name, each.in, each.schema, each.in === "path" || each.required === true, each.description));
  const content = record(record(resolved(document, operation.requestBody)).content);
  const body = record(resolved(document, record(content["application/json"]).schema));
  const required = Array.isArray(body.required) ? body.required : [];
  const fromBody = Object.entries(record(body.properties)).map(([name, schema]) =>
    parameterOf(
      document,
      name,
      "body",
      schema,
      required.includes(name),
      schemaShape.safeParse(record(resolved(document, schema))).data?.description,
    ),
  );
  return [...own, ...fromBody];
}

/** A header API key, bearer or basic security scheme as a descriptor authentication, with the headers it sends. */
function authenticationOf(scheme: Json): { auth: Json; headers: Record<string, string> } | undefined {
  const secret = (key: string, label: string) => ({ key, label, required: true, secret: true });
  if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") {
    return { auth: { type: "api_key", fields: [secret("api_key", "API key")] }, headers: { [scheme.name]: "{api_key}" } };
  }
  const httpScheme = scheme.type === "http" && typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : undefined;
  if (httpScheme === "bearer")
    return { auth: { type: "bearer", fields: [secret("token", "Token")] }, headers: { Authorization: "Bearer {token}" } };
  if (httpScheme === "basic") {
    const fields = [{ key: "username", label: "Username", required: true, secret: false }, secret("password", "Password")];
    return { auth: { type: "basic", fields }, headers: { Authorization: "Basic {basic_credentials}" } };
  }
  return undefined;
}

function serverBase(document: Document): string {
  const server = document.servers[0];
  const base = (server?.url ?? "").replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = server?.variables?.[name]?.default;
    return typeof value === "string" || typeof value === "number" ? String(value) : name;
  });
  if (!/^https?:\/\//.test(base)) throw badInput("document", "must name an absolute http(s) server URL (servers[0].url)");
  return base.replace(/\/$/, "");
}

/** Every operation with an operationId (or those `select` names), with the authentication it uses. */
function operationsOf(document: Document, select: readonly string[] | undefined) {
  const base = serverBase(document);
  const schemes = record(record(document.components).securitySchemes);
  const operations: Json[] = [];
  const authentications = new Map<string, Json>();
  for (const [path, rawItem] of Object.entries(document.paths)) {
    const pathItem = record(resolved(document, rawItem));
    for (const method of HTTP_METHODS) {
      const parsed = operationShape.safeParse(pathItem[method.toLowerCase()]);
      const id = parsed.data?.operationId;
      if (!id || (select && !select.includes(id))) continue;
      const schemeName = Object.keys((parsed.data!.security ?? document.security ?? [])[0] ?? {})[0];
      const auth = schemeName ? authenticationOf(record(resolved(document, schemes[schemeName]))) : undefined;
      if (auth) authentications.set(String(auth.auth.type), auth.auth);
      operations.push(operationEntry(document, `${base}${path}`, method, pathItem, parsed.data!, auth));
    }
  }
  return { operations, authentication: [...authentications.values()] };
}

function operationEntry(
  document: Document,
  endpoint: string,
  method: string,
  pathItem: Json,
  operation: z.output<typeof operationShape>,
  auth: ReturnType<typeof authenticationOf>,
): Json {
  const summary = cut(operation.summary ?? operation.description, 500);
  return {
    operation_id: operation.operationId,
    endpoint,
    method,
    ...(summary ? { summary } : {}),
    ...(auth ? { auth_type_ref: auth.auth.type, auth_headers: auth.headers } : {}),
    parameters: parametersOf(document, pathItem, operation),
  };
}

/**
 * A descriptor (as data, to be checked like any other) from an OpenAPI 3.x document: every
 * operation with an operationId (or those `select` names) becomes an operation and a route
 * mapping; parameters and JSON request bodies become parameters; a header API key, bearer or
 * basic security scheme becomes its authentication.
 */
export function descriptorFromOpenApi(raw: Json, select?: readonly string[]): Json {
  const parsed = documentShape.safeParse(raw);
  if (!parsed.success) throw badInput("document", "must be an OpenAPI 3.0 or 3.1 document");
  const document = parsed.data;
  const { operations, authentication } = operationsOf(document, select);
  const missing = (select ?? []).findIndex((id) => !operations.some((operation) => operation.operation_id === id));
  if (missing >= 0) throw badInput(`select[${missing}]`, `names ${select![missing]}, which is no operationId of the document`);
  if (!operations.length) throw badInput("document", "has no operation with an operationId");
  const { info } = document;
  const version = /^\d+\.\d+\.\d+/.test(String(info.version)) ? String(info.version) : "1.0.0";
  return {
    metadata: {
      name: cut(info.title, 100),
      slug: slugOf(info.title),
      version,
      ...(info.description ? { description: cut(info.description, 500) } : {}),
    },
    authentication,
    operations,
    mcp_config: {
      enabled: true,
      server_name: slugOf(info.title),
      server_description: cut(info.description ?? info.title, 500),
      route_mappings: operations.map((operation) => ({
        operation_id: operation.operation_id,
        mcp_tool_name: String(operation.operation_id)
          .replace(/[^A-Za-z0-9_.-]/g, "_")
          .slice(0, 100),
        mcp_tool_description: cut(
          typeof operation.summary === "string" ? operation.summary : `Calls ${String(operation.operation_id)}`,
          500,
        ),
      })),
    },
  };
}
