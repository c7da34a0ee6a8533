import { z } from "zod";
import { parseAllowCidrs } from "../adapters/http/address-policy.js";
import { DEFAULT_PAYLOAD_LIMITS } from "../domain/calls/payload-limits.js";
import { parseDuration } from "./durations.js";

const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/**
 * Every environment variable the service reads (the README's configuration table mirrors
 * this). Defaults are the local ones; AWS sets its own through sst.config.ts.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default(".data"),
  TABLE_NAME: z.string().default("mcp-control-plane"),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default("us-east-1"),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  SECRETS: z.enum(["local", "kms"]).default("local"),
  KMS_KEY_ID: z.string().optional(),
  KMS_ENDPOINT: z.url().optional(),
  GRAPHIQL: flag.optional(),
  INTROSPECTION: flag.optional(),
  OUTBOUND_ALLOW_LOOPBACK: flag.optional(),
  OUTBOUND_ALLOW_CIDRS: z.string().optional(),
  MCP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  INTERRUPTED_CALL_MARGIN: z.string().default("60s"),
  REFRESH_TOOLS_SCHEDULE: z.string().default("15m"),
  CONFIG_CACHE_STALENESS: z.string().default("1s"),
  LIVE_TOOLS_BUDGET: z.string().default("3s"),
  REFRESH_TOOLS_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  REFRESH_TOOLS_SERVER_TIMEOUT: z.string().default("60s"),
  TOOL_DESCRIPTION_MAX_BYTES: z.coerce.number().int().min(256).default(8192),
  TOOL_SCHEMA_MAX_BYTES: z.coerce.number().int().min(1024).default(65_536),
  APPROVAL_TTL: z.string().default("10m"),
  OAUTH_CALLBACK_URL: z.url().optional(),
  OAUTH_RETURN_ORIGINS: z.string().optional(),
  /** Web origins whose pages may call the GraphQL API from the browser (comma-separated); none by default. */
  CORS_ORIGINS: z.string().optional(),
  OAUTH_REFRESH_SCHEDULE: z.string().default("5m"),
  PUBLIC_URL: z.url().optional(),
  TOOL_SEARCH_EMBEDDINGS: z.enum(["none", "bedrock"]).default("none"),
  BEDROCK_EMBEDDING_MODEL: z.string().default("amazon.titan-embed-text-v2:0"),
  BEDROCK_EMBEDDING_DIMENSIONS: z.coerce
    .number()
    .pipe(z.union([z.literal(256), z.literal(512), z.literal(1024)]))
    .default(256),
  BEDROCK_ENDPOINT: z.url().optional(),
  EMBEDDED_KEY_GRACE: z.string().default("24h"),
  IDENTITY_TOKEN_TTL: z.string().default("2m"),
  IDENTITY_KEY_ROTATION: z.string().default("30d"),
  MCP_APPROVAL_WAIT: z.string().default("60s"),
  MCP_AUTHORIZATION_SERVER: z.url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  // Arguments are stored whole in the call's audit record: at most 300 KB leaves room in a 400 KB DynamoDB item.
  MAX_ARGUMENT_BYTES: z.coerce.number().int().min(1024).max(300_000).default(DEFAULT_PAYLOAD_LIMITS.maxArgumentBytes),
  MAX_ARGUMENT_DEPTH: z.coerce.number().int().min(1).max(1000).default(DEFAULT_PAYLOAD_LIMITS.maxArgumentDepth),
  MAX_RESULT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(DEFAULT_PAYLOAD_LIMITS.maxResultBytes),
});

export type Config = z.output<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** The outbound policy: loopback is the local server's default (its demo and test servers live there), never AWS's. */
export const outboundFromConfig = (config: Config, { loopbackByDefault }: { loopbackByDefault: boolean }) => ({
  allowLoopback: config.OUTBOUND_ALLOW_LOOPBACK ?? loopbackByDefault,
  allowCidrs: parseAllowCidrs(config.OUTBOUND_ALLOW_CIDRS),
});

/** A comma-separated setting of origins; an entry that is not an origin is a configuration error. */
function originsOf(name: string, value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const origin = URL.canParse(entry) ? new URL(entry).origin : "null";
      if (origin === "null" || origin !== entry.replace(/\/$/, ""))
        throw new Error(`${name}: ${entry} is not an origin such as https://chat.example.com`);
      return origin;
    });
}

/** Where OAuth flows may send users back. */
export const returnOriginsOf = (config: Config) => originsOf("OAUTH_RETURN_ORIGINS", config.OAUTH_RETURN_ORIGINS);

/** Whose browser pages may call the GraphQL API (CORS); none unless configured. */
export const corsOriginsOf = (config: Config) => originsOf("CORS_ORIGINS", config.CORS_ORIGINS);

/** The jobs', caches' and listings' time settings, and how much of each listed tool is kept. */
function hotPathSettings(config: Config) {
  return {
    // "0": read a tenant's configuration on every call.
    configCacheMs:
      config.CONFIG_CACHE_STALENESS.trim() === "0" ? 0 : parseDuration(config.CONFIG_CACHE_STALENESS, "CONFIG_CACHE_STALENESS"),
    liveToolsBudgetMs: parseDuration(config.LIVE_TOOLS_BUDGET, "LIVE_TOOLS_BUDGET"),
    refresh: {
      concurrency: config.REFRESH_TOOLS_CONCURRENCY,
      perServerTimeoutMs: parseDuration(config.REFRESH_TOOLS_SERVER_TIMEOUT, "REFRESH_TOOLS_SERVER_TIMEOUT"),
    },
    toolBounds: { descriptionBytes: config.TOOL_DESCRIPTION_MAX_BYTES, schemaBytes: config.TOOL_SCHEMA_MAX_BYTES },
  };
}

/**
 * What both the local server and AWS take from configuration into the infrastructure (each adds
 * its own stores, cipher and verifier). `publicUrl` is where this deployment answers the world.
 */
export function settingsFromConfig(config: Config, publicUrl: string) {
  const identityTtlMs = parseDuration(config.IDENTITY_TOKEN_TTL, "IDENTITY_TOKEN_TTL");
  if (identityTtlMs > 5 * 60_000) throw new Error("IDENTITY_TOKEN_TTL: identity tokens live at most 5 minutes");
  const approvalWaitMs = parseDuration(config.MCP_APPROVAL_WAIT, "MCP_APPROVAL_WAIT");
  if (approvalWaitMs > 10 * 60_000) throw new Error("MCP_APPROVAL_WAIT: at most 10 minutes (it must end before the function's timeout)");
  const authorizationServer =
    config.MCP_AUTHORIZATION_SERVER ??
    (URL.canParse(config.AUTH_ISSUER ?? "") && /^https?:/.test(config.AUTH_ISSUER!) ? config.AUTH_ISSUER : undefined);
  const search =
    config.TOOL_SEARCH_EMBEDDINGS === "bedrock"
      ? {
          modelId: config.BEDROCK_EMBEDDING_MODEL,
          dimensions: config.BEDROCK_EMBEDDING_DIMENSIONS,
          ...(config.BEDROCK_ENDPOINT ? { endpoint: config.BEDROCK_ENDPOINT } : {}),
        }
      : undefined;
  return {
    publicUrl,
    region: config.AWS_REGION,
    ...(search ? { search } : {}),
    outbound: outboundFromConfig(config, { loopbackByDefault: false }),
    mcpRequestTimeoutMs: config.MCP_REQUEST_TIMEOUT_MS,
    payloadLimits: {
      maxArgumentBytes: config.MAX_ARGUMENT_BYTES,
      maxArgumentDepth: config.MAX_ARGUMENT_DEPTH,
      maxResultBytes: config.MAX_RESULT_BYTES,
    },
    interruptedCallMarginMs: parseDuration(config.INTERRUPTED_CALL_MARGIN, "INTERRUPTED_CALL_MARGIN"),
    ...hotPathSettings(config),
    approvalTtlMs: parseDuration(config.APPROVAL_TTL, "APPROVAL_TTL"),
    embeddedKeyGraceMs: parseDuration(config.EMBEDDED_KEY_GRACE, "EMBEDDED_KEY_GRACE"),
    identity: {
      ttlSeconds: identityTtlMs / 1000,
      rotation: {
        rotateAfterMs: parseDuration(config.IDENTITY_KEY_ROTATION, "IDENTITY_KEY_ROTATION"),
        publishAheadMs: 3_600_000,
        tokenTtlMs: identityTtlMs,
      },
    },
    oauth: { redirectUri: config.OAUTH_CALLBACK_URL ?? `${publicUrl}/oauth/callback`, returnOrigins: returnOriginsOf(config) },
    mcp: { approvalWaitMs, streams: false, ...(authorizationServer ? { authorizationServer } : {}) },
  };
}
