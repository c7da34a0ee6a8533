import type { Descriptor, Operation, Parameter } from "./descriptor.js";

type Json = Record<string, unknown>;

/** An absolute endpoint split into its origin and its path, placeholders kept (`URL` would escape the braces). */
export const splitEndpoint = (endpoint: string) => {
  const [, origin = "", path = "/"] = /^(https?:\/\/[^/?#]+)([^?#]*)/.exec(endpoint) ?? [];
  return { origin, path: path || "/" };
};

const schemaOf = (parameter: Parameter): Json => ({
  type: parameter.field_type,
  ...(parameter.default_value !== undefined ? { default: parameter.default_value } : {}),
  ...(parameter.enum ? { enum: parameter.enum } : {}),
});

const SECURITY_SCHEMES: Record<string, (header: string | undefined) => Json> = {
  api_key: (header) => ({ type: "apiKey", in: "header", name: header ?? "X-API-Key" }),
  bearer: () => ({ type: "http", scheme: "bearer" }),
  basic: () => ({ type: "http", scheme: "basic" }),
  oauth2: () => ({ type: "oauth2", flows: {} }),
};

function operationObject(descriptor: Descriptor, operation: Operation, serverOrigin: string): Json {
  const { origin } = splitEndpoint(operation.endpoint);
  const body = operation.parameters.filter((parameter) => parameter.location === "body");
  const mapping = descriptor.mcp_config.route_mappings.find((each) => each.operation_id === operation.operation_id);
  return {
    operationId: operation.operation_id,
    ...(operation.summary ? { summary: operation.summary } : {}),
    parameters: operation.parameters
      .filter((parameter) => parameter.location !== "body")
      .map((parameter) => ({
        name: parameter.name,
        in: parameter.location,
        required: parameter.location === "path" || parameter.required,
        ...(parameter.description ? { description: parameter.description } : {}),
        schema: schemaOf(parameter),
      })),
    ...(body.length
      ? {
          requestBody: {
            required: body.some((parameter) => parameter.required),
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: Object.fromEntries(
                    body.map((parameter) => [
                      parameter.name,
                      { ...schemaOf(parameter), ...(parameter.description ? { description: parameter.description } : {}) },
                    ]),
                  ),
                  ...(body.some((parameter) => parameter.required)
                    ? { required: body.filter((parameter) => parameter.required).map((parameter) => parameter.name) }
                    : {}),
                },
              },
            },
          },
        }
      : {}),
    responses: { default: { description: "The API's response" } },
    ...(operation.auth_type_ref ? { security: [{ [operation.auth_type_ref]: [] }] } : {}),
    ...(origin !== serverOrigin ? { servers: [{ url: origin }] } : {}),
    ...(mapping && descriptor.mcp_config.enabled
      ? { "x-mcp-tool": { name: mapping.mcp_tool_name, description: mapping.mcp_tool_description } }
      : {}),
  };
}

/** The connector's operations as an OpenAPI 3.1 document (what `Connector.openApi` returns). */
export function openApiOf(descriptor: Descriptor): Json {
  const serverOrigin = splitEndpoint(descriptor.operations[0]!.endpoint).origin;
  const paths: Record<string, Json> = {};
  for (const operation of descriptor.operations) {
    const { path } = splitEndpoint(operation.endpoint);
    paths[path] = { ...paths[path], [operation.method.toLowerCase()]: operationObject(descriptor, operation, serverOrigin) };
  }
  const schemes = Object.fromEntries(
    descriptor.authentication.map((auth) => {
      const header = descriptor.operations.find((operation) => operation.auth_type_ref === auth.type);
      return [auth.type, SECURITY_SCHEMES[auth.type]!(header ? Object.keys(header.auth_headers)[0] : undefined)];
    }),
  );
  const { metadata } = descriptor;
  return {
    openapi: "3.1.0",
    info: { title: metadata.name, version: metadata.version, ...(metadata.description ? { description: metadata.description } : {}) },
    servers: [{ url: serverOrigin }],
    paths,
    ...(Object.keys(schemes).length ? { components: { securitySchemes: schemes } } : {}),
  };
}
