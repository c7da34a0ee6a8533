import { KMSClient } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KmsCipher } from "../../adapters/crypto/kms-cipher.js";
import { type KmsServer, startKmsServer } from "../support/kms-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";

const initech = { tenant: "initech", sub: "peter", roles: ["admin"] };
import { CREATE, GET } from "./server-fields.js";
import { CREATE_CONNECTION } from "./connection-fields.js";

describe("the API on KMS", () => {
  let kms: KmsServer;
  let api: TestApi;
  beforeAll(async () => {
    kms = await startKmsServer();
    const client = new KMSClient({
      endpoint: kms.url,
      region: "eu-west-1",
      maxAttempts: 2,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    api = await startTestApi({ cipher: new KmsCipher({ kms: client, keyId: kms.keyId }) });
  });
  afterAll(async () => {
    await api.close();
    await kms.close();
  });

  it("seals secrets with KMS data keys", async () => {
    const result = await api.gql(alice, CREATE, {
      input: { name: "On KMS", url: "https://e.com/mcp", authType: "TOKEN", credential: "Bearer kms-backed-secret" },
    });
    expect(result.body.data!.createMcpServer).toMatchObject({ hasCredential: true, credentialPreview: "••••cret" });
    expect(JSON.stringify(await api.table.rawItems())).toMatch(/"ciphertext":\{"S":"kms1\./);
  });

  it("answers a KMS outage with a clear UPSTREAM_ERROR and writes nothing", async () => {
    // A tenant whose data key is not cached yet (a cached key rides out an outage, tested below).
    const existing = (await api.gql(initech, CREATE, { input: { name: "No Secrets", url: "https://e.com/mcp" } })).body.data!
      .createMcpServer.id;
    kms.setOutage(true);
    try {
      const server = await api.gql(initech, CREATE, {
        input: { name: "During Outage", url: "https://e.com/mcp", headers: [{ name: "X-Key", value: "never-stored-1234" }] },
      });
      expect(server.body.errors?.[0]).toMatchObject({
        message: "The key management service is unavailable; nothing was saved. Try again shortly.",
        extensions: { code: "UPSTREAM_ERROR" },
      });
      const before = await api.table.rawItems();
      const connection = await api.gql(initech, CREATE_CONNECTION, {
        input: { serverId: existing, scope: "PLATFORM", credential: "never-stored-5678" },
      });
      expect(connection.body.errors?.[0]?.extensions?.code).toBe("UPSTREAM_ERROR");
      expect(await api.table.rawItems()).toEqual(before);
      expect(JSON.stringify(before)).not.toContain("During Outage");

      // Meanwhile a tenant holding a fresh data key keeps working: the cache bridges short outages.
      const resilient = await api.gql(alice, CREATE, {
        input: { name: "Cached Key", url: "https://e.com/mcp", headers: [{ name: "X-Key", value: "sealed-with-cached-key" }] },
      });
      expect(resilient.body.errors).toBeUndefined();
    } finally {
      kms.setOutage(false);
    }
    expect((await api.gql(initech, "{ mcpServers { name } }")).body.data!.mcpServers).toEqual([{ name: "No Secrets" }]);
    expect((await api.gql(alice, GET, { id: "missing" })).body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
