import { z } from "zod";

/**
 * The MCP Registry's server.json (modelcontextprotocol/registry,
 * docs/reference/server-json/server.schema.json): the parts this control plane reads. Unknown
 * fields are allowed, as the registry allows vendor extensions.
 */
const urlTemplate = z.string().regex(/^(https?:\/\/[^\s]+|\{[a-zA-Z_][a-zA-Z0-9_]*\}[^\s]*)$/, "must be an http(s) URL");

const inputSchema = z.object({
  description: z.string().optional(),
  isRequired: z.boolean().default(false),
  isSecret: z.boolean().default(false),
  value: z.string().optional(),
  default: z.string().optional(),
});

const keyValueInputSchema = inputSchema.extend({ name: z.string().min(1) });

export const remoteTransportSchema = z.object({
  type: z.enum(["streamable-http", "sse"], { message: 'must be "streamable-http" or "sse"' }),
  url: urlTemplate,
  headers: z.array(keyValueInputSchema).default([]),
  variables: z.record(z.string(), inputSchema).optional(),
});

export const serverJsonSchema = z.object({
  $schema: z.url().optional(),
  name: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/, "must be reverse-DNS with one slash, like io.github.user/weather"),
  description: z.string().min(1).max(100),
  title: z.string().min(1).max(100).optional(),
  version: z.string().min(1).max(255),
  websiteUrl: z.url().optional(),
  remotes: z.array(remoteTransportSchema).optional(),
  packages: z.array(z.unknown()).optional(),
});

export type ServerJson = z.output<typeof serverJsonSchema>;
export type RemoteTransport = z.output<typeof remoteTransportSchema>;

/** The registry API's listing (`GET /v0.1/servers`): each server.json beside registry-managed metadata. */
export interface RegistryServerList {
  servers: Array<{
    server: Record<string, unknown>;
    _meta: { "io.modelcontextprotocol.registry/official": RegistryOfficialMeta };
  }>;
  metadata: { count: number; nextCursor?: string };
}

export interface RegistryOfficialMeta {
  status: "active" | "deprecated" | "deleted";
  publishedAt: string;
  updatedAt: string;
  isLatest: boolean;
}

/** The schema version this control plane writes. */
export const SERVER_JSON_SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";
