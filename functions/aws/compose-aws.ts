import { KMSClient } from "@aws-sdk/client-kms";
import { createRemoteJWKSet } from "jose";
import { Resource } from "sst";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { KmsCipher } from "../../adapters/crypto/kms-cipher.js";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { createApi } from "../composition-root.js";
import { loadConfig } from "../config.js";

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
    // The SDK's standard retry strategy backs off on throttling; five attempts ride out a burst.
    cipher: new KmsCipher({ kms: new KMSClient({ region: config.AWS_REGION, maxAttempts: 5 }), keyId: Resource.SecretsKey.id }),
    authenticate: createTokenVerifier({ keys: createRemoteJWKSet(new URL(AUTH_JWKS_URL)), issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE }),
    logger,
  };
  return createApi(infrastructure, {
    graphiql: config.GRAPHIQL ?? false,
    introspection: config.INTROSPECTION ?? false,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
}
