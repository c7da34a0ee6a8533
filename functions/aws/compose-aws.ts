import { createRemoteJWKSet } from "jose";
import { Resource } from "sst";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { createApi, createRuntime, type Infrastructure } from "../composition-root.js";
import { type Config, loadConfig, outboundFromConfig, returnOriginsOf } from "../config.js";
import { parseDuration } from "../durations.js";
import { cipherFromConfig } from "../secret-cipher.js";

/** The AWS infrastructure: linked resources through `Resource`, KMS secrets, a remote JWKS. Fails closed. */
async function awsInfrastructure(config: Config): Promise<Infrastructure> {
  const { AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE } = config;
  if (!AUTH_JWKS_URL || !AUTH_ISSUER || !AUTH_AUDIENCE) {
    throw new Error("AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE must be set on AWS");
  }
  return {
    dynamo: createDynamoClient({ region: config.AWS_REGION }),
    tableName: Resource.Table.name,
    cipher: await cipherFromConfig({ ...config, SECRETS: "kms" }, { kmsKeyId: Resource.SecretsKey.id }),
    authenticate: createTokenVerifier({ keys: createRemoteJWKSet(new URL(AUTH_JWKS_URL)), issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE }),
    logger: createJsonLogger({ level: config.LOG_LEVEL }),
    outbound: outboundFromConfig(config, { loopbackByDefault: false }),
    mcpRequestTimeoutMs: config.MCP_REQUEST_TIMEOUT_MS,
    approvalTtlMs: parseDuration(config.APPROVAL_TTL, "APPROVAL_TTL"),
    oauth: { redirectUri: config.OAUTH_CALLBACK_URL ?? "", returnOrigins: returnOriginsOf(config) },
  };
}

export async function composeAwsApi() {
  const config = loadConfig();
  return createApi(await awsInfrastructure(config), {
    graphiql: config.GRAPHIQL ?? false,
    introspection: config.INTROSPECTION ?? false,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
}

export async function composeAwsJobs() {
  return createRuntime(await awsInfrastructure(loadConfig()));
}
