import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signingKeyFromJwk } from "../../adapters/auth/local-signing-key.js";
import { createDynamoClient } from "../../adapters/dynamo/client.js";
import { ensureTable } from "../../adapters/dynamo/table.js";
import { startDynaliteProcess } from "../../test/support/dynalite-process.js";
import { startKmsServer } from "../../test/support/kms-server.js";

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * What a deployed function talks to, on loopback: DynamoDB (dynalite, in its own process), KMS,
 * the identity provider's JWKS, and API Gateway's management API. `env` is what a function's
 * process sees on AWS (SST's linked resources included), pointed at them.
 */
export async function startStandIns() {
  const dynamo = await startDynaliteProcess();
  const tableName = "cold-start";
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, tableName);
  client.destroy();
  const kms = await startKmsServer("cold-start-key");
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), alg: "ES256", kid: "cold-start" };
  const { d: _private, ...publicJwk } = privateJwk;
  const issuer = await signingKeyFromJwk(privateJwk);
  const jwks = createServer((_request, response) =>
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] })),
  );
  const management = createServer((request, response) => void request.resume().on("end", () => response.writeHead(200).end("{}")));
  const jwksUrl = await listen(jwks);
  const managementEndpoint = await listen(management);
  const resource = (value: object) => JSON.stringify(value);
  const env: Record<string, string> = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    KMS_ENDPOINT: kms.url,
    AUTH_JWKS_URL: `${jwksUrl}/.well-known/jwks.json`,
    AUTH_ISSUER: LOCAL_ISSUER,
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    PUBLIC_URL: "https://public.example.test",
    SEARCH_RESOURCES_DIR: "adapters/search/resources",
    SST_RESOURCE_Table: resource({ name: tableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_SecretsKey: resource({
      id: kms.keyId,
      arn: "arn:aws:kms:us-east-1:000000000000:key/cold-start",
      type: "sst.sst.Linkable",
    }),
    SST_RESOURCE_Socket: resource({ url: "wss://socket.example.test", managementEndpoint, type: "sst.aws.ApiGatewayWebSocket" }),
    SST_RESOURCE_Deliver: resource({ name: "deliver", type: "sst.aws.Function" }),
    SST_RESOURCE_CheckServer: resource({ name: "check-server", type: "sst.aws.Function" }),
  };
  return {
    env,
    token: await issuer.sign({ sub: "alice", tenant: "acme", roles: ["admin"] }),
    close: async () => {
      await dynamo.close();
      await kms.close();
      jwks.close();
      management.close();
    },
  };
}
