import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OutboundGuard } from "../../../adapters/http/outbound-guard.js";
import { createSafeFetch } from "../../../adapters/http/safe-fetch.js";
import { McpClientPool } from "../../../adapters/mcp/client-pool.js";
import type { McpTarget } from "../../../domain/ports/mcp-connector.js";
import type { Transport } from "../../../domain/servers/server.js";
import { loopbackPool } from "../../support/mcp/connector.js";
import { startEverythingServer } from "../../support/mcp/everything-server.js";
import { type SdkServer, startSdkServer } from "../../support/mcp/sdk-server.js";
import { startTrap } from "../../support/trap-server.js";

const target = (url: string, transport: Transport, headers: Record<string, string> = {}): McpTarget => ({
  tenantId: "acme",
  serverId: "srv",
  url,
  transport,
  headers,
});
/** The pool returns tools as listed, unchecked: these servers list well-formed ones. */
const named = (tools: unknown[]) => tools as Array<{ name: string }>;
const pools: McpClientPool[] = [];
const pool = (...args: Parameters<typeof loopbackPool>) => {
  const created = loopbackPool(...args);
  pools.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()));
});

describe("@modelcontextprotocol/server-everything", () => {
  let streamable: Awaited<ReturnType<typeof startEverythingServer>>;
  let sse: Awaited<ReturnType<typeof startEverythingServer>>;
  beforeAll(async () => {
    [streamable, sse] = await Promise.all([startEverythingServer("streamableHttp"), startEverythingServer("sse")]);
  });
  afterAll(async () => {
    await Promise.all([streamable?.close(), sse?.close()]);
  });

  it.each([
    ["Streamable HTTP", () => target(streamable.url, "STREAMABLE_HTTP")],
    ["SSE", () => target(sse.url, "SSE")],
  ])("lists its tools and calls echo over %s", async (_label, make) => {
    const connector = pool();
    const tools = named(await connector.listTools(make()));
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "get-sum"]));
    expect(tools.find((tool) => tool.name === "echo")).toMatchObject({
      annotations: { readOnlyHint: true },
      inputSchema: { type: "object" },
    });
    const result = await connector.callTool(make(), "echo", { message: "hello" });
    expect(JSON.stringify(result.content)).toContain("hello");
  });
});

describe("SDK-built servers", () => {
  const servers: SdkServer[] = [];
  const server = async (...args: Parameters<typeof startSdkServer>) => {
    const started = await startSdkServer(...args);
    servers.push(started);
    return started;
  };
  afterAll(async () => {
    await Promise.all(servers.map((each) => each.close()));
  });

  it.each([
    ["streamable", "STREAMABLE_HTTP"],
    ["sse", "SSE"],
    ["websocket", "WEBSOCKET"],
  ] as const)("speaks %s and sends the rendered headers", async (kind, transport) => {
    const upstream = await server({ transport: kind, requireAuthorization: "Bearer right-token" });
    const connector = pool();
    const withAuth = target(upstream.url, transport, { Authorization: "Bearer right-token", "X-Org": "acme" });
    expect(named(await connector.listTools(withAuth)).map((tool) => tool.name)).toEqual(["echo", "write_note", "slow", "fail"]);
    expect(await connector.callTool(withAuth, "echo", { message: "hi" })).toMatchObject({ content: [{ type: "text", text: "hi" }] });
    expect(upstream.state.requestHeaders.every((headers) => headers["x-org"] === "acme")).toBe(true);
  });

  it.each([
    ["streamable", "STREAMABLE_HTTP"],
    ["sse", "SSE"],
    ["websocket", "WEBSOCKET"],
  ] as const)("reports a refused credential over %s as unauthorized, without the upstream body", async (kind, transport) => {
    const upstream = await server({ transport: kind, requireAuthorization: "Bearer right-token" });
    const failure = await pool()
      .listTools(target(upstream.url, transport, { Authorization: "Bearer wrong" }))
      .catch((error) => error);
    expect(failure).toMatchObject({
      code: "UPSTREAM_ERROR",
      kind: "unauthorized",
      message: "The server rejected the credentials (HTTP 401).",
    });
    expect(failure.message).not.toMatch(/secret|10\.1\.2\.3/);
  });

  it("reuses one client per (server, credential) and keeps credentials apart", async () => {
    const upstream = await server();
    const connector = pool();
    const alice = target(upstream.url, "STREAMABLE_HTTP", { Authorization: "Bearer alice" });
    const bob = target(upstream.url, "STREAMABLE_HTTP", { Authorization: "Bearer bob" });
    await Promise.all([connector.listTools(alice), connector.listTools(alice), connector.callTool(alice, "echo", { message: "x" })]);
    expect(upstream.state.sessionsOpened).toBe(1);
    expect(connector.size).toBe(1);
    await connector.listTools(bob);
    expect(upstream.state.sessionsOpened).toBe(2);
    expect(connector.size).toBe(2);
  });

  it("evicts idle clients", async () => {
    const upstream = await server();
    const connector = pool({ idleMs: 60_000 });
    await connector.listTools(target(upstream.url, "STREAMABLE_HTTP"));
    await connector.evictIdle(Date.now() + 30_000);
    expect(connector.size).toBe(1);
    await connector.evictIdle(Date.now() + 61_000);
    expect(connector.size).toBe(0);
  });

  it("reconnects once when the server forgot the session", async () => {
    const upstream = await server();
    const connector = pool();
    const where = target(upstream.url, "STREAMABLE_HTTP");
    await connector.listTools(where);
    upstream.dropSessions();
    expect((await connector.callTool(where, "echo", { message: "again" })).content).toEqual([{ type: "text", text: "again" }]);
    expect(upstream.state.sessionsOpened).toBe(2);
  });

  it("hears notifications/tools/list_changed", async () => {
    const upstream = await server();
    const changed: string[] = [];
    const connector = pool({ onToolsChanged: ({ serverId }) => changed.push(serverId) });
    const where = target(upstream.url, "STREAMABLE_HTTP");
    await connector.listTools(where);
    // The SDK delivers server notifications on the standalone GET stream; give it a moment to open.
    await new Promise((resolve) => setTimeout(resolve, 200));
    upstream.addTool("brand_new");
    for (let i = 0; i < 50 && changed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changed).toContain("srv");
    expect(named(await connector.listTools(where)).map((tool) => tool.name)).toContain("brand_new");
  });

  it("turns a slow server into a timeout, and a tool failure into an isError result", async () => {
    const upstream = await server();
    const connector = pool();
    const where = target(upstream.url, "STREAMABLE_HTTP");
    await expect(connector.callTool(where, "slow", { ms: 2000 }, { timeoutMs: 200 })).rejects.toMatchObject({
      kind: "timeout",
      message: "The server did not answer in time.",
    });
    expect(await connector.callTool(where, "fail", {})).toMatchObject({ isError: true });
  });
});

describe("the connector and the outbound policy", () => {
  it("refuses a server the policy forbids before connecting", async () => {
    const trap = await startTrap();
    const guard = new OutboundGuard({ allowLoopback: false, allowCidrs: [] });
    const connector = new McpClientPool({
      transport: { safeFetch: createSafeFetch(guard), guard, timeoutMs: 2000, maxMessageBytes: 1 << 20 },
    });
    try {
      for (const transport of ["STREAMABLE_HTTP", "SSE", "WEBSOCKET"] as const) {
        const failure = await connector.listTools(target(`${trap.url}/mcp`, transport)).catch((error) => error);
        expect(failure).toMatchObject({ kind: "refused", message: "The server's address is not allowed by the outbound policy." });
      }
      expect(trap.connections()).toBe(0);
    } finally {
      await connector.close();
      await trap.close();
    }
  });

  it("says only that it could not connect to a closed port", async () => {
    const trap = await startTrap();
    const url = `${trap.url}/mcp`;
    await trap.close();
    await expect(pool().listTools(target(url, "STREAMABLE_HTTP"))).rejects.toMatchObject({
      kind: "unreachable",
      message: "Could not connect to the server.",
    });
  });
});
