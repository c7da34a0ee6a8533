import { createRemoteJWKSet } from "jose";
import { Resource } from "sst";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { createPowertoolsLogger } from "../../adapters/logging/powertools-logger.js";
import { createEmfMetrics } from "../../adapters/metrics/emf-metrics.js";
import type { Infrastructure } from "../composition-root.js";
import { type Config, settingsFromConfig } from "../config.js";
import { cipherFromConfig } from "../secret-cipher.js";

const SERVICE_NAME = "mcp-control-plane";

/**
 * The AWS infrastructure: linked resources through `Resource`, KMS secrets, a remote JWKS,
 * Powertools logs and EMF metrics in CloudWatch. Fails closed. `publicUrl` defaults to
 * PUBLIC_URL (the Public function, which is that URL, passes its own).
 */
export async function awsInfrastructure(config: Config, publicUrl = config.PUBLIC_URL): Promise<Infrastructure> {
  const { AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE } = config;
  if (!AUTH_JWKS_URL || !AUTH_ISSUER || !AUTH_AUDIENCE || !publicUrl) {
    throw new Error("AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE and PUBLIC_URL must be set on AWS");
  }
  const logger = createPowertoolsLogger({ serviceName: SERVICE_NAME, level: config.LOG_LEVEL });
  return {
    dynamo: createDynamoClient({ region: config.AWS_REGION }),
    tableName: Resource.Table.name,
    cipher: await cipherFromConfig({ ...config, SECRETS: "kms" }, { kmsKeyId: Resource.SecretsKey.id }),
    authenticate: createTokenVerifier({ keys: createRemoteJWKSet(new URL(AUTH_JWKS_URL)), issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE }),
    logger,
    metrics: createEmfMetrics({ serviceName: SERVICE_NAME, logger }),
    ...settingsFromConfig(config, publicUrl.replace(/\/$/, "")),
  };
}
