import { resolve } from "node:path";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { loadOrCreateSigningKey } from "../../adapters/auth/local-signing-key.js";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { ensureTable } from "../../adapters/dynamo/table.js";
import { createJsonMetrics } from "../../adapters/metrics/emf-metrics.js";
import type { Logger } from "../../domain/ports/logger.js";
import { createApi } from "../compose/api.js";
import { type Config, corsOriginsOf, outboundFromConfig, settingsFromConfig } from "../config.js";
import { cipherFromConfig } from "../secret-cipher.js";
import { startEmbeddedDynamo } from "./embedded-dynamo.js";

/**
 * The whole service on one machine: dynalite persisted under the data dir (unless
 * DYNAMODB_ENDPOINT names another), the master-key cipher, and a token issuer of its own.
 */
export async function composeLocal(config: Config, logger: Logger, baseUrl: string) {
  const dataDir = resolve(config.DATA_DIR);
  const embedded = config.DYNAMODB_ENDPOINT ? undefined : await startEmbeddedDynamo(resolve(dataDir, "dynamodb"));
  const dynamo = createDynamoClient({ endpoint: config.DYNAMODB_ENDPOINT ?? embedded!.endpoint, region: config.AWS_REGION });
  await ensureTable(dynamo, config.TABLE_NAME);
  const signingKey = await loadOrCreateSigningKey(dataDir);
  // A token minted against another data dir names a key this one never held: say so, and how to get one that works.
  const authenticate = createTokenVerifier({
    ...signingKey.verifierOptions,
    unknownKeyMessage: `The token is signed by another key, not this server's (key ${signingKey.kid} of the data dir ${dataDir}): make one with DATA_DIR=${dataDir} npm run -s token -- --tenant <tenant> --user <user>`,
  });
  const settings = settingsFromConfig(config, config.PUBLIC_URL ?? baseUrl);
  const api = createApi(
    {
      dynamo,
      tableName: config.TABLE_NAME,
      cipher: await cipherFromConfig(config, { dataDir }),
      authenticate,
      logger,
      // The EMF lines Lambda would send to CloudWatch, on stdout; only at LOG_LEVEL=debug, so `npm start` stays readable.
      ...(config.LOG_LEVEL === "debug" ? { metrics: createJsonMetrics({ logger }) } : {}),
      ...settings,
      // One long-lived process on loopback: 2025-era GET streams can stay open, and requests must name this host (DNS rebinding).
      mcp: { ...settings.mcp, streams: true, allowedHosts: [...new Set(["localhost", "127.0.0.1", "[::1]", config.HOST])] },
      outbound: outboundFromConfig(config, { loopbackByDefault: true }),
    },
    {
      graphiql: config.GRAPHIQL ?? true,
      // Self-contained GraphiQL, so the page works offline; too large for the Lambda bundle.
      renderGraphiQL,
      introspection: config.INTROSPECTION ?? true,
      maxBodyBytes: config.MAX_BODY_BYTES,
      corsOrigins: corsOriginsOf(config),
    },
  );
  return {
    ...api,
    signingKey,
    authenticate,
    async close() {
      await api.connector.close();
      dynamo.destroy();
      await embedded?.close();
    },
  };
}
