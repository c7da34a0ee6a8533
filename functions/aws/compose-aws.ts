import { createRemoteJWKSet } from "jose";
import { Resource } from "sst";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { createApi } from "../composition-root.js";
import { loadConfig, outboundFromConfig } from "../config.js";
import { cipherFromConfig } from "../secret-cipher.js";

/** The AWS composition: linked resources through `Resource`, KMS secrets, a remote JWKS. Fails closed. */
export async function composeAws() {
  const config = loadConfig();
  const { AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE } = config;
  if (!AUTH_JWKS_URL || !AUTH_ISSUER || !AUTH_AUDIENCE) {
    throw new Error("AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE must be set on AWS");
  }
  const logger = createJsonLogger({ level: config.LOG_LEVEL });
  const infrastructure = {
    dynamo: createDynamoClient({ region: config.AWS_REGION }),
    tableName: Resource.Table.name,
    cipher: await cipherFromConfig({ ...config, SECRETS: "kms" }, { kmsKeyId: Resource.SecretsKey.id }),
    authenticate: createTokenVerifier({ keys: createRemoteJWKSet(new URL(AUTH_JWKS_URL)), issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE }),
    logger,
    outbound: outboundFromConfig(config, { loopbackByDefault: false }),
    mcpRequestTimeoutMs: config.MCP_REQUEST_TIMEOUT_MS,
  };
  return createApi(infrastructure, {
    graphiql: config.GRAPHIQL ?? false,
    introspection: config.INTROSPECTION ?? false,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
}
