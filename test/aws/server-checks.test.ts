import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaServerChecks } from "../../adapters/aws/lambda-server-checks.js";
import { checkServer } from "../../functions/jobs/check-server.js";
import { startLambdaInvokeServer } from "../support/aws/lambda-invoke-server.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, GET } from "../graphql/server-fields.js";

let api: TestApi;
let invoke: Awaited<ReturnType<typeof startLambdaInvokeServer>>;
let upstream: SdkServer;

beforeAll(async () => {
  upstream = await startSdkServer();
  // The checking function, behind a loopback stand-in for Lambda's Invoke API, runs on the same table.
  invoke = await startLambdaInvokeServer({ CheckServer: (event) => checkServer(api, event) });
  const serverChecks = lambdaServerChecks({
    functionName: "CheckServer",
    region: "us-east-1",
    endpoint: invoke.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  api = await startTestApi({ checkAfterChange: true, serverChecks });
});
afterAll(async () => {
  await api.close();
  await invoke.close();
  await upstream.close();
});

describe("server checks on AWS: handed to the checking function", () => {
  it("invokes it asynchronously with the server's key when a server is created; it records what it found", async () => {
    const created = (await api.gql(alice, CREATE, { input: { name: "Checked", url: upstream.url } })).body.data!.createMcpServer;
    expect(created.status).toBe("UNKNOWN");
    expect(invoke.invocations).toContainEqual({ name: "CheckServer", type: "Event", event: { tenantId: "acme", serverId: created.id } });
    await invoke.settled();
    expect((await api.gql(alice, GET, { id: created.id })).body.data!.mcpServer).toMatchObject({ status: "CONNECTED", lastError: null });
  });

  it("finds nothing to do for a server deleted meanwhile, and refuses an event that names no server", async () => {
    expect(await checkServer(api, { tenantId: "acme", serverId: "gone-already" })).toBe("gone");
    await expect(checkServer(api, { tenantId: "a#b", serverId: "x" })).rejects.toThrow();
    await expect(checkServer(api, { serverId: "x" })).rejects.toThrow();
  });
});
