import { randomBytes } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { exportJWK, generateKeyPair } from "jose";
import { signingKeyFromJwk } from "../adapters/auth/local-signing-key.js";
import { createTokenVerifier } from "../adapters/auth/token-verifier.js";
import { LocalCipher } from "../adapters/crypto/local-cipher.js";
import { ensureTable } from "../adapters/dynamo/table.js";
import { createJsonLogger } from "../adapters/logging/json-logger.js";
import { createApi } from "../functions/compose/api.js";
import { loadConfig, settingsFromConfig } from "../functions/config.js";

/** Counts every request a DynamoDB client sends (SDK middleware), for "requests per call" figures. */
export function countRequests(dynamo: DynamoDBClient): () => number {
  let requests = 0;
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
  return () => requests;
}

/** The whole API over a table, as the local server composes it, with its own token issuer. */
export async function benchApi(dynamo: DynamoDBClient, tableName: string, env: Record<string, string> = {}) {
  await ensureTable(dynamo, tableName);
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const issuer = await signingKeyFromJwk({ ...(await exportJWK(privateKey)), alg: "ES256", kid: "bench" });
  const api = createApi(
    {
      dynamo,
      tableName,
      cipher: new LocalCipher(randomBytes(32)),
      authenticate: createTokenVerifier(issuer.verifierOptions),
      ...settingsFromConfig(loadConfig(env), "https://control-plane.bench"),
      logger: createJsonLogger({ level: "error" }),
      outbound: { allowLoopback: true, allowCidrs: [] },
    },
    { graphiql: false, introspection: false, maxBodyBytes: 1_000_000 },
  );
  return { ...api, issuer };
}
