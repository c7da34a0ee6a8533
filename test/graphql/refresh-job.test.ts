import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startTrap } from "../support/trap-server.js";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE_CONNECTION } from "./connection-fields.js";
import { CREATE, GET, UPDATE } from "./server-fields.js";
import { SERVER_TOOLS } from "./tool-fields.js";

describe("the refresh-tools job", () => {
  let api: TestApi;
  let healthy: SdkServer;
  let hanging: Awaited<ReturnType<typeof startTrap>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi({ refresh: { concurrency: 2, perServerTimeoutMs: 1500 }, mcpRequestTimeoutMs: 2_000 });
    healthy = await startSdkServer();
    // Accepts connections and never answers: a hanging server.
    hanging = await startTrap("127.0.0.1", () => undefined);
    const closed = await startTrap();
    const closedUrl = `${closed.url}/mcp`;
    await closed.close();
    const create = async (name: string, input: Record<string, unknown>, caller = alice) =>
      (ids[name] = (await api.gql(caller, CREATE, { input: { name, toolsCacheEnabled: true, ...input } })).body.data!.createMcpServer.id);
    await create("healthy", { url: healthy.url });
    await create("failing", { url: closedUrl });
    await create("hanging", { url: `${hanging.url}/mcp` });
    await create("private", { url: healthy.url }, bob);
    await create("not cached", { url: healthy.url, toolsCacheEnabled: false });
    await create("disabled", { url: healthy.url, isEnabled: false });
  });
  afterAll(async () => {
    await api.close();
    await healthy.close();
    await hanging.close();
  });

  const server = async (id: string, caller = alice) => (await api.gql(caller, GET, { id })).body.data!.mcpServer;

  it("refreshes due servers; a failing and a hanging server mark only themselves ERROR", async () => {
    const report = await api.refresher.refreshAll();
    expect(report).toEqual({ due: 4, refreshed: 2, failed: 2, skipped: 0 });
    expect(await server(ids.healthy!)).toMatchObject({ status: "CONNECTED", lastError: null });
    expect((await server(ids.healthy!)).toolsCachedAt).not.toBeNull();
    expect(await server(ids.private!, bob)).toMatchObject({ status: "CONNECTED" });
    expect(await server(ids.failing!)).toMatchObject({
      status: "ERROR",
      lastError: "Could not connect to the server.",
      toolsCachedAt: null,
    });
    expect(await server(ids.hanging!)).toMatchObject({ status: "ERROR", lastError: "The server did not answer in time." });
    expect(await server(ids["not cached"]!)).toMatchObject({ status: "UNKNOWN" });
    expect(await server(ids.disabled!)).toMatchObject({ status: "UNKNOWN" });
  });

  it("serves the refreshed cache, and leaves servers whose cache is turned off out of the next run", async () => {
    const tools = (await api.gql(alice, SERVER_TOOLS, { id: ids.healthy })).body.data!.mcpServer.tools;
    expect(tools.map((tool: { name: string }) => tool.name)).toContain("echo");
    await api.gql(alice, UPDATE, { id: ids.hanging, input: { toolsCacheEnabled: false } });
    await api.gql(alice, UPDATE, { id: ids.failing, input: { isEnabled: false } });
    expect((await api.refresher.refreshAll()).due).toBe(2);
  });

  it("is safe to run twice at once", async () => {
    const [first, second] = await Promise.all([api.refresher.refreshAll(), api.refresher.refreshAll()]);
    expect(first).toEqual(second);
    expect(first.refreshed).toBe(2);
    const tools = (await api.gql(alice, SERVER_TOOLS, { id: ids.healthy })).body.data!.mcpServer.tools;
    expect(tools.map((tool: { name: string }) => tool.name).sort()).toEqual(["echo", "fail", "slow", "write_note"]);
  });

  it("never lists with a user's connection, even a user whose token says it is the job", async () => {
    const guarded = await startSdkServer({ authorize: async (authorization) => authorization === "Bearer platform-secret" });
    try {
      const id = (
        await api.gql(alice, CREATE, {
          input: { name: "Guarded", url: guarded.url, toolsCacheEnabled: true, authType: "TOKEN", credential: "Bearer platform-secret" },
        })
      ).body.data!.createMcpServer.id as string;
      const impostor = { tenant: "acme", sub: "system:refresh-tools", roles: [] };
      const planted = await api.gql(impostor, CREATE_CONNECTION, {
        input: { serverId: id, scope: "USER", authorizationScheme: "Bearer", credential: "impostor-secret" },
      });
      expect(planted.body.errors).toBeUndefined();
      await api.refresher.refreshAll();
      expect(await server(id)).toMatchObject({ status: "CONNECTED", lastError: null });
      expect(guarded.state.requestHeaders.map((headers) => headers.authorization)).not.toContain("Bearer impostor-secret");
    } finally {
      await guarded.close();
    }
  });
});
