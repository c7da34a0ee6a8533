import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoServerStore } from "../../adapters/dynamo/server-store.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { VALIDATE } from "./tool-fields.js";

const SECRET = "unreadable-canary-3f9a0c71";

/** The sealed value with one byte of its data flipped: it no longer opens. */
const corrupted = (ciphertext: string) => {
  const parts = ciphertext.split(".");
  const data = Buffer.from(parts[4]!, "base64url");
  data[0] = data[0]! ^ 1;
  parts[4] = data.toString("base64url");
  return parts.join(".");
};

describe("a stored secret that does not decrypt", () => {
  let api: TestApi;
  let upstream: SdkServer;
  let id: string;

  beforeAll(async () => {
    api = await startTestApi();
    upstream = await startSdkServer({ requireAuthorization: `Bearer ${SECRET}` });
    const created = await api.gql(alice, CREATE, {
      input: { name: "Sealed", url: upstream.url, authType: "TOKEN", credential: `Bearer ${SECRET}`, toolsCacheEnabled: true },
    });
    id = created.body.data!.createMcpServer.id;
    const store = new DynamoServerStore(documentClient(api.table.dynamo), api.table.tableName);
    const server = (await store.get("acme", id))!;
    const credential = { ...server.credential!, ciphertext: corrupted(server.credential!.ciphertext) };
    await store.update({ ...server, credential, version: server.version + 1 }, server);
  });
  afterAll(async () => {
    await api.close();
    await upstream.close();
  });

  it("fails the call, the check and the refresh job without reaching the server", async () => {
    const call = await api.gql(carol, CALL_TOOL, { input: { qualifiedName: "mcp__sealed__echo", arguments: { message: "x" } } });
    expect(call.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect((await api.gql(alice, VALIDATE, { id })).body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await api.refresher.refreshAll()).toMatchObject({ refreshed: 0, failed: 1 });
    expect(upstream.state.requestHeaders).toEqual([]);
  });

  it("is logged as a fixed message naming the record and field, with no stack, cause or secret", () => {
    const lines = api.logs.map((line) => JSON.parse(line));
    const failures = lines.filter((line) => line.message === "A stored secret could not be decrypted");
    expect(failures).toHaveLength(2);
    for (const line of failures) expect(line).toMatchObject({ level: "error", record: `server/${id}`, field: "credential" });
    for (const line of api.logs) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toMatch(/stack|\bat .+:\d+:\d+|authenticate data/);
    }
  });
});
