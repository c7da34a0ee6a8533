import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoToolStore } from "../../adapters/dynamo/tool-store.js";
import { actAs } from "../../domain/access/actor.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, UPDATE } from "./server-fields.js";
import { REFRESH, SERVER_TOOLS, SET_TOOL, VALIDATE } from "./tool-fields.js";

let api: TestApi;
const upstreams: SdkServer[] = [];
const upstream = async (...args: Parameters<typeof startSdkServer>) => {
  const started = await startSdkServer(...args);
  upstreams.push(started);
  return started;
};
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
  await Promise.all(upstreams.map((each) => each.close()));
});

const create = async (input: Record<string, unknown>, caller = alice) => {
  const result = await api.gql(caller, CREATE, { input });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer.id as string;
};
const toolsOf = async (id: string, caller = alice) => {
  const result = await api.gql(caller, SERVER_TOOLS, { id });
  return { server: result.body.data?.mcpServer, errors: result.body.errors };
};
const byName = (tools: Array<{ name: string }>) => Object.fromEntries(tools.map((tool) => [tool.name, tool])) as Record<string, any>;
const eventually = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error("condition not met in time");
};

describe("validateMcpServer", () => {
  it("connects with the resolved credential and records CONNECTED", async () => {
    const server = await upstream({ requireAuthorization: "Bearer good" });
    const id = await create({ name: "Validated", url: server.url, authType: "TOKEN", credential: "Bearer good" });
    const validated = (await api.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer;
    expect(validated).toMatchObject({ status: "CONNECTED", lastError: null });
    expect(validated.lastValidatedAt).not.toBeNull();
  });

  it("records ERROR with a safe message when the server refuses the credential", async () => {
    const server = await upstream({ requireAuthorization: "Bearer good" });
    const id = await create({ name: "Wrong Token", url: server.url, authType: "TOKEN", credential: "Bearer wrong" });
    const validated = (await api.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer;
    expect(validated).toMatchObject({ status: "ERROR", lastError: "The server rejected the credentials (HTTP 401)." });
    expect(JSON.stringify(validated)).not.toMatch(/upstream secret body|10\.1\.2\.3/);
  });

  it("records ERROR for an unreachable server and NOT_CONNECTED for an OAuth server without tokens", async () => {
    const gone = await upstream();
    const url = gone.url;
    await gone.close();
    const unreachable = await create({ name: "Gone", url });
    expect((await api.gql(alice, VALIDATE, { id: unreachable })).body.data!.validateMcpServer).toMatchObject({
      status: "ERROR",
      lastError: "Could not connect to the server.",
    });
    const oauth = await create({ name: "OAuth Pending", url, authType: "OAUTH2" });
    expect((await api.gql(alice, VALIDATE, { id: oauth })).body.data!.validateMcpServer).toMatchObject({ status: "NOT_CONNECTED" });
  });

  it("is for those who manage the server", async () => {
    const server = await upstream();
    const id = await create({ name: "Admins Validate", url: server.url });
    expect((await api.gql(bob, VALIDATE, { id })).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("tool lists", () => {
  it("are live by default, labelled and named for agents", async () => {
    const server = await upstream();
    const id = await create({ name: "Live Tools", url: server.url });
    const { server: listed } = await toolsOf(id);
    const tools = byName(listed.tools);
    expect(Object.keys(tools)).toEqual(["echo", "write_note", "slow", "fail"]);
    expect(tools.echo).toMatchObject({
      qualifiedName: "mcp__live_tools__echo",
      labels: ["READ"],
      requiresApproval: false,
      enabled: true,
      approvalMode: "DEFAULT",
      deferred: false,
      present: true,
    });
    expect(tools.write_note).toMatchObject({ labels: ["WRITE"], requiresApproval: true });
    expect(tools.echo.inputSchema).toMatchObject({ type: "object", properties: { message: { type: "string" } } });
    server.addTool("late_arrival");
    expect(byName((await toolsOf(id)).server.tools)).toHaveProperty("late_arrival");
    expect(listed.toolsCachedAt).toBeNull();
  });

  it("come from the cache when it is on: served while the server is down, refreshed on demand", async () => {
    const server = await upstream();
    const id = await create({ name: "Cached Tools", url: server.url, toolsCacheEnabled: true });
    const refreshed = (await api.gql(alice, REFRESH, { id })).body.data!.refreshTools;
    expect(refreshed).toMatchObject({ status: "CONNECTED" });
    expect(refreshed.toolsCachedAt).not.toBeNull();
    await server.close();
    const { server: cached, errors } = await toolsOf(id);
    expect(errors).toBeUndefined();
    expect(cached.tools.map((tool: { name: string }) => tool.name).sort()).toEqual(["echo", "fail", "slow", "write_note"]);

    // Without the cache, a server that is down shows the tools last seen (none here), not an error that would blank a listing.
    const live = await create({ name: "Uncached Down", url: server.url });
    expect(await toolsOf(live)).toEqual({ server: expect.objectContaining({ tools: [] }), errors: undefined });
    const validated = (await api.gql(alice, VALIDATE, { id: live })).body.data!.validateMcpServer;
    expect(validated).toMatchObject({ status: "ERROR", lastError: "Could not connect to the server." });
  });

  it("refresh a server's cache when it announces tools/list_changed", async () => {
    const server = await upstream();
    const id = await create({ name: "Announcing", url: server.url, toolsCacheEnabled: true });
    await api.gql(alice, REFRESH, { id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.addTool("announced");
    await eventually(async () => "announced" in byName((await toolsOf(id)).server.tools));
  });
});

describe("per-tool settings", () => {
  it("survive refreshes, and a tool that disappears keeps them", async () => {
    const server = await upstream();
    const id = await create({ name: "Curated", url: server.url, toolsCacheEnabled: true });
    await api.gql(alice, REFRESH, { id });
    const disabled = (await api.gql(alice, SET_TOOL, { id, tool: "write_note", input: { enabled: false, deferred: true } })).body.data!
      .setToolSettings;
    expect(disabled).toMatchObject({ enabled: false, deferred: true, approvalMode: "DEFAULT" });
    await api.gql(alice, REFRESH, { id });
    expect(byName((await toolsOf(id)).server.tools).write_note).toMatchObject({ enabled: false, deferred: true });

    server.removeTool("write_note");
    await api.gql(alice, REFRESH, { id });
    expect(byName((await toolsOf(id)).server.tools)).not.toHaveProperty("write_note");
    const admin = actAs({ userId: "alice", tenantId: "acme", roles: ["admin"] });
    const records = await api.services.toolListing.list(admin, await api.services.servers.get(admin, id));
    expect(records.map((tool) => tool.name)).not.toContain("write_note");
    // Stored still, absent, with its settings: they apply again if the tool comes back.
    const stored = await new DynamoToolStore(documentClient(api.table.dynamo), api.table.tableName).get("acme", id, "write_note");
    expect(stored).toMatchObject({ present: false, settings: { enabled: false, deferred: true } });
  });

  it("take effect before a tool is first seen", async () => {
    const server = await upstream();
    const id = await create({ name: "Preconfigured", url: server.url });
    const preset = (await api.gql(alice, SET_TOOL, { id, tool: "fail", input: { enabled: false } })).body.data!.setToolSettings;
    expect(preset).toMatchObject({ name: "fail", enabled: false, present: false });
    expect(byName((await toolsOf(id)).server.tools).fail).toMatchObject({ enabled: false, present: true });
  });

  it("suspend auto-approval of a tool whose description changed, until an admin looks again", async () => {
    const server = await upstream();
    const id = await create({ name: "Shifty", url: server.url, toolsCacheEnabled: true });
    await api.gql(alice, REFRESH, { id });
    const auto = (await api.gql(alice, SET_TOOL, { id, tool: "write_note", input: { approvalMode: "AUTO" } })).body.data!.setToolSettings;
    expect(auto).toMatchObject({ approvalMode: "AUTO", requiresApproval: false, reviewRequired: false });

    server.changeTool("write_note", "Stores a note. Also emails it to everyone.");
    await api.gql(alice, REFRESH, { id });
    const changed = byName((await toolsOf(id)).server.tools).write_note;
    expect(changed).toMatchObject({
      approvalMode: "AUTO",
      requiresApproval: true,
      reviewRequired: true,
      description: "Stores a note. Also emails it to everyone.",
    });
    expect(changed.changedAt).not.toBeNull();

    const reviewed = (await api.gql(alice, SET_TOOL, { id, tool: "write_note", input: { approvalMode: "AUTO" } })).body.data!
      .setToolSettings;
    expect(reviewed).toMatchObject({ requiresApproval: false, reviewRequired: false });
  });

  it("refuse bad input and callers who do not manage the server", async () => {
    const server = await upstream();
    const id = await create({ name: "Guarded Settings", url: server.url });
    const before = await api.table.rawItems();
    expect((await api.gql(bob, SET_TOOL, { id, tool: "echo", input: { enabled: false } })).body.errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await api.gql(alice, SET_TOOL, { id, tool: "echo", input: {} })).body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input",
    });
    expect((await api.gql(alice, SET_TOOL, { id, tool: "", input: { enabled: false } })).body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "toolName",
    });
    expect(
      (await api.gql(alice, SET_TOOL, { id: "nope", tool: "echo", input: { enabled: false } })).body.errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
    expect(await api.table.rawItems()).toEqual(before);
  });
});

describe("registration and the outbound policy", () => {
  it("refuses URLs whose host is an IP literal in a refused range when loopback is not allowed", async () => {
    const strict = await startTestApi({ outbound: { allowLoopback: false, allowCidrs: ["10.20.0.0/16"] } });
    try {
      for (const url of [
        "http://127.0.0.1:8080/mcp",
        "http://[::1]/mcp",
        "http://169.254.169.254/latest",
        "http://10.0.0.5/mcp",
        "http://0x7f000001/mcp",
        "http://[::ffff:192.168.0.1]/mcp",
      ]) {
        const result = await strict.gql(alice, CREATE, { input: { name: "Internal", url } });
        expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
      }
      expect(await strict.table.rawItems()).toEqual([]);
      const allowed = await strict.gql(alice, CREATE, { input: { name: "Intranet", url: "http://10.20.1.2/mcp" } });
      expect(allowed.body.errors).toBeUndefined();
      const moved = await strict.gql(alice, UPDATE, {
        id: allowed.body.data!.createMcpServer.id,
        input: { url: "http://169.254.169.254/" },
      });
      expect(moved.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
    } finally {
      await strict.close();
    }
  });

  it.each(["streamable", "sse", "websocket"] as const)(
    "reaches a server on IPv6 loopback ([::1]) over %s where loopback is allowed",
    async (transport) => {
      const server = await upstream({ host: "::1", transport });
      expect(server.url).toContain("[::1]");
      const transportName = { streamable: "STREAMABLE_HTTP", sse: "SSE", websocket: "WEBSOCKET" }[transport];
      const id = await create({ name: `v6 ${transport}`, url: server.url, transport: transportName });
      expect((await api.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer).toMatchObject({ status: "CONNECTED", lastError: null });
      const listed = await toolsOf(id);
      expect(listed.errors).toBeUndefined();
      expect(listed.server.tools.map((tool: { name: string }) => tool.name)).toContain("echo");
    },
  );
});
