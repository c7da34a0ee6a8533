import { z } from "zod";

/** Names a descriptor gives things agents see or we key by: letters, digits, `_`, `-`. */
const identifier = (max: number) =>
  z
    .string()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, _ and -");
const text = (min: number, max: number) =>
  z
    .string()
    .min(min, min > 0 ? "must not be empty" : undefined)
    .max(max, `must be at most ${max} characters`);

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const PARAMETER_LOCATIONS = ["path", "query", "header", "body"] as const;
export const FIELD_TYPES = ["string", "integer", "number", "boolean", "array", "object"] as const;
export const AUTH_TYPES = ["api_key", "bearer", "basic", "oauth2"] as const;

/** For `basic` authentication, templates may also use `{basic_credentials}`: base64 of `username:password`. */
export const BASIC_CREDENTIALS = "basic_credentials";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const authenticationSchema = z.object({
  type: z.enum(AUTH_TYPES),
  fields: z
    .array(
      z.object({
        key: identifier(64),
        label: text(1, 100).optional(),
        field_type: z.string().max(32).optional(),
        required: z.boolean().default(false),
        secret: z.boolean().default(true),
      }),
    )
    .max(10, "at most 10 fields")
    .default([]),
});

const parameterSchema = z.object({
  name: z.string().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  location: z.enum(PARAMETER_LOCATIONS),
  field_type: z.enum(FIELD_TYPES).default("string"),
  required: z.boolean().default(false),
  description: text(0, 500).optional(),
  default_value: z.unknown().optional(),
  enum: z.array(scalar).min(1, "must list at least one value").max(100).optional(),
});

const operationSchema = z.object({
  operation_id: identifier(100),
  endpoint: z.string().min(1, "must not be empty").max(2000),
  method: z.enum(HTTP_METHODS),
  summary: text(0, 500).optional(),
  auth_type_ref: z.enum(AUTH_TYPES).optional(),
  auth_headers: z
    .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "must be a header name"), z.string().max(1000))
    .default({}),
  parameters: z.array(parameterSchema).max(100, "at most 100 parameters").default([]),
});

const routeMappingSchema = z.object({
  operation_id: z.string().min(1, "must not be empty"),
  mcp_tool_name: z
    .string()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^[A-Za-z0-9_.-]+$/, "must be a valid MCP tool name (letters, digits, _ . -)"),
  mcp_tool_description: text(1, 500),
  parameter_mappings: z.record(z.string(), z.string().min(1, "must not be empty").max(100)).default({}),
});

/** A connector descriptor (../shared/connector-descriptors.md), field names as the format spells them. */
export const descriptorSchema = z.object({
  metadata: z.object({
    name: text(1, 100),
    slug: identifier(64),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, "must be a semantic version such as 1.0.0"),
    description: text(0, 500).optional(),
    publisher: text(0, 100).optional(),
    categories: z.array(z.string().max(50)).max(20).default([]),
  }),
  authentication: z.array(authenticationSchema).max(5).default([]),
  test_endpoint: z
    .object({
      url: z.string().min(1),
      method: z.enum(HTTP_METHODS).default("GET"),
      expected_status: z.number().int().min(100).max(599).default(200),
    })
    .optional(),
  operations: z.array(operationSchema).min(1, "must declare at least one operation").max(200, "at most 200 operations"),
  capabilities: z.record(z.string(), z.unknown()).optional(),
  rate_limits: z
    .array(
      z.object({ scope: z.literal("per_account"), limit: z.number().int().min(1), interval_seconds: z.number().int().min(1).max(86_400) }),
    )
    .max(5)
    .default([]),
  sla: z.record(z.string(), z.unknown()).optional(),
  mcp_config: z
    .object({
      enabled: z.boolean().default(false),
      server_name: z.string().optional(),
      server_description: z.string().optional(),
      route_mappings: z.array(routeMappingSchema).max(200).default([]),
    })
    .default({ enabled: false, route_mappings: [] }),
});

export type Descriptor = z.output<typeof descriptorSchema>;
export type Operation = Descriptor["operations"][number];
export type Parameter = Operation["parameters"][number];
export type RouteMapping = Descriptor["mcp_config"]["route_mappings"][number];
