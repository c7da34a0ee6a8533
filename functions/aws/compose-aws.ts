import { createRemoteJWKSet } from "jose";
import { Resource } from "sst";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { createApi, createRuntime, type Infrastructure } from "../composition-root.js";
import { type Config, loadConfig, settingsFromConfig } from "../config.js";
import { cipherFromConfig } from "../secret-cipher.js";

/**
 * The AWS infrastructure: linked resources through `Resource`, KMS secrets, a remote JWKS. Fails
 * closed. `publicUrl` defaults to PUBLIC_URL (the Public function, which is that URL, passes its own).
 */
async function awsInfrastructure(config: Config, publicUrl = config.PUBLIC_URL): Promise<Infrastructure> {
  const { AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE } = config;
  if (!AUTH_JWKS_URL || !AUTH_ISSUER || !AUTH_AUDIENCE || !publicUrl) {
    throw new Error("AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE and PUBLIC_URL must be set on AWS");
  }
  return {
    dynamo: createDynamoClient({ region: config.AWS_REGION }),
    tableName: Resource.Table.name,
    cipher: await cipherFromConfig({ ...config, SECRETS: "kms" }, { kmsKeyId: Resource.SecretsKey.id }),
    authenticate: createTokenVerifier({ keys: createRemoteJWKSet(new URL(AUTH_JWKS_URL)), issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE }),
    logger: createJsonLogger({ level: config.LOG_LEVEL }),
    ...settingsFromConfig(config, publicUrl.replace(/\/$/, "")),
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

/** The MCP endpoint: a buffered Function URL holds no stream open, so 2025-era GET streams are refused (405). */
export async function composeAwsMcp() {
  const config = loadConfig();
  const { mcpEndpoint } = createApi(await awsInfrastructure(config), {
    graphiql: false,
    introspection: false,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
  return mcpEndpoint;
}

export async function composeAwsJobs(publicUrl?: string) {
  return createRuntime(await awsInfrastructure(loadConfig(), publicUrl));
}
