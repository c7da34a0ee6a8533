import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, ERAS } from "../support/mcp/clients.js";
import { startEverythingServer } from "../support/mcp/everything-server.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startServedApi } from "../support/http-api.js";
import { alice, bob, carol, mallory, type TestApi } from "../support/test-api.js";
import { CREATE } from "../graphql/server-fields.js";
import { REFRESH, SET_TOOL } from "../graphql/tool-fields.js";

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let everything: Awaited<ReturnType<typeof startEverythingServer>>;
let closeApi: () => Promise<void>;

const create = async (input: Record<string, unknown>, caller = alice) => {
  const result = await api.gql(caller, CREATE, { input: { url: upstream.url, ...input } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer.id as string;
};
const client = async (era: (typeof ERAS)[number], claims: typeof alice, path = "/mcp") =>
  connectClient(era, `${origin}${path}`, await api.tokenFor(claims));
const names = async (era: (typeof ERAS)[number], claims: typeof alice, path = "/mcp") => {
  const connected = await client(era, claims, path);
  try {
    return (await connected.listTools()).map((tool) => tool.name);
  } finally {
    await connected.close();
  }
};

beforeAll(async () => {
  [upstream, everything] = await Promise.all([startSdkServer(), startEverythingServer("streamableHttp")]);
  ({ api, origin, close: closeApi } = await startServedApi());
  const shared = await create({ name: "Notes", toolsCacheEnabled: true });
  await api.gql(alice, REFRESH, { id: shared });
  await api.gql(alice, SET_TOOL, { id: shared, tool: "fail", input: { enabled: false } });
  await api.gql(alice, SET_TOOL, { id: shared, tool: "slow", input: { deferred: true } });
  await create({ name: "Everything", url: everything.url });
  await create({ name: "Support Desk", agentAccess: ["support-bot"] });
  await create({ name: "Bobs Private" }, bob);
  await api.gql(mallory, CREATE, { input: { name: "Globex Notes", url: upstream.url } });
}, 60_000);

afterAll(async () => {
  await closeApi();
  await Promise.all([upstream.close(), everything.close()]);
});

describe.each(ERAS)("POST /mcp (%s)", (era) => {
  it("lists every usable tool as mcp__<slug>__<tool>, in name order, with tool_search when some are deferred", async () => {
    const listed = await names(era, carol);
    expect(listed.at(-1)).toBe("tool_search");
    const tools = listed.slice(0, -1);
    expect(tools).toEqual([...tools].sort());
    expect(tools).toEqual(
      expect.arrayContaining(["mcp__notes__echo", "mcp__notes__write_note", "mcp__everything__echo", "mcp__everything__get-sum"]),
    );
    expect(tools.every((name) => /^mcp__[a-z0-9_]+__.+$/.test(name))).toBe(true);
  });

  it("hides deferred and disabled tools; tool_search finds a deferred one, which can be called at once", async () => {
    const connected = await client(era, carol);
    const listed = (await connected.listTools()).map((tool) => tool.name);
    expect(listed).not.toContain("mcp__notes__slow");
    expect(listed).not.toContain("mcp__notes__fail");
    const found = await connected.callTool("tool_search", { query: "answer after a number of milliseconds", limit: 3 });
    expect(found.structuredContent.tools[0]).toMatchObject({ name: "mcp__notes__slow", inputSchema: { type: "object" } });
    expect(found.content[0].text).toContain("mcp__notes__slow");
    expect(await connected.callTool("mcp__notes__slow", { ms: 1 })).toMatchObject({ content: [{ type: "text", text: "done" }] });
    await connected.close();
  });

  it("refuses a disabled tool, and says what an unknown one is", async () => {
    const connected = await client(era, carol);
    const calls = upstream.state.calls.fail ?? 0;
    expect(await connected.callTool("mcp__notes__fail")).toMatchObject({ isError: true, content: [{ text: "The tool fail is disabled" }] });
    expect(upstream.state.calls.fail ?? 0).toBe(calls);
    await expect(connected.callTool("mcp__notes__nope")).rejects.toThrow(/Unknown tool/);
    await connected.close();
  });

  it("refuses bad tool_search input with a readable error", async () => {
    const connected = await client(era, carol);
    expect(await connected.callTool("tool_search", { query: "notes", limit: 21 })).toMatchObject({
      isError: true,
      content: [{ text: expect.stringContaining("limit") }],
    });
    expect(await connected.callTool("tool_search", { query: "   " })).toMatchObject({ isError: true });
    await connected.close();
  });

  it("calls server-everything's tools with the same checks as GraphQL", async () => {
    const connected = await client(era, carol);
    expect(await connected.callTool("mcp__everything__get-sum", { a: 2, b: 3 })).toMatchObject({
      content: [{ type: "text", text: expect.stringContaining("5") }],
    });
    expect(await connected.callTool("mcp__everything__get-sum", { a: "two" })).toMatchObject({ isError: true });
    await connected.close();
  });

  it("never shows another tenant's tools, someone else's private server, or a server the agent may not use", async () => {
    const carols = await names(era, carol);
    expect(carols.some((name) => name.includes("globex") || name.includes("bobs_private") || name.includes("support_desk"))).toBe(false);
    expect(await names(era, bob)).toEqual(expect.arrayContaining(["mcp__bobs_private__echo"]));
    expect(await names(era, { ...carol, agent: "support-bot" } as typeof carol)).toEqual(
      expect.arrayContaining(["mcp__support_desk__echo"]),
    );
    const salesBot = await names(era, { ...carol, agent: "sales-bot" } as typeof carol);
    expect(salesBot.some((name) => name.startsWith("mcp__support_desk__"))).toBe(false);
  });
});

describe.each(ERAS)("POST /mcp/servers/<slug> (%s)", (era) => {
  it("serves one server under its own names, enabled tools only, deferred ones included", async () => {
    const listed = await names(era, carol, "/mcp/servers/notes");
    expect(listed).toEqual(["echo", "slow", "write_note"]);
  });

  it("cannot be connected to for a server the caller may not use", async () => {
    await expect(client(era, carol, "/mcp/servers/bobs_private")).rejects.toThrow();
    await expect(client(era, { ...carol, agent: "sales-bot" } as typeof carol, "/mcp/servers/support_desk")).rejects.toThrow();
  });
});

describe("refusals of /mcp/servers/<slug>, over plain HTTP", () => {
  const initialize = async (claims: typeof alice, slug: string) => {
    const response = await fetch(`${origin}/mcp/servers/${slug}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await api.tokenFor(claims)}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    return { status: response.status, body: await response.json() };
  };

  it("answers 404 for another user's private server or another tenant's, exactly as for none", async () => {
    const none = await initialize(carol, "no_such_server");
    expect(none.status).toBe(404);
    expect(await initialize(carol, "bobs_private")).toEqual(none);
    expect(await initialize(carol, "globex_notes")).toEqual(none);
  });

  it("answers 403 with the reason for an agent the server is not open to", async () => {
    const refused = await initialize({ ...carol, agent: "sales-bot" } as typeof carol, "support_desk");
    expect(refused).toMatchObject({ status: 403, body: { error: { message: "Agent sales-bot may not use Support Desk" } } });
  });
});
