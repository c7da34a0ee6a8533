import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qualifiedName } from "../../domain/tools/qualified-name.js";
import { startServedApi } from "../support/http-api.js";
import { connectClient, ERAS } from "../support/mcp/clients.js";
import { startRawToolsServer } from "../support/mcp/raw-tools-server.js";
import { alice, carol, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { SERVER_TOOLS, SET_TOOL } from "./tool-fields.js";

const SLUG = "hostile";
/** The tail a name is given in `mcp__hostile__<tail>`. */
const tailOf = (name: string) => qualifiedName(SLUG, name).slice(`mcp__${SLUG}__`.length);

/** Names published servers send, or a hostile one would: each must be listed, named apart, and reach its own tool. */
const HOSTILE: Array<[string, string]> = [
  ["nothing left after cleaning", "¿?¡!"],
  ["only unicode", "日本語ツール"],
  ["a path", "../../etc/passwd"],
  ["spaces", "send the email now"],
  ["200 characters", `long_${"x".repeat(195)}`],
  ["cleaned alike (1)", "a.b"],
  ["cleaned alike (2)", "a:b"],
  ["differs only in case (1)", "Echo"],
  ["differs only in case (2)", "echo"],
  ["__proto__", "__proto__"],
  ["constructor", "constructor"],
  ["__ inside", "read__write"],
  ["emoji", "🔥 fire"],
  ["control characters", "tab\there\u0000nul\u001b[31m"],
  ["another's cleaned name", tailOf("a.b")],
  ["another's cleaned long name", tailOf(`long_${"x".repeat(195)}`)],
];
const toolNamed = (name: string) => ({
  name,
  description: `The tool called ${JSON.stringify(name)}`,
  inputSchema: { type: "object" },
  annotations: { readOnlyHint: true },
});

let api: TestApi;
let origin: string;
let closeApi: () => Promise<void>;
let upstream: Awaited<ReturnType<typeof startRawToolsServer>>;
let serverId: string;

beforeAll(async () => {
  upstream = await startRawToolsServer(
    "2025-11-25",
    HOSTILE.map(([, name]) => toolNamed(name)),
  );
  ({ api, origin, close: closeApi } = await startServedApi());
  const created = await api.gql(alice, CREATE, { input: { name: "Hostile", url: upstream.url } });
  expect(created.body.errors).toBeUndefined();
  serverId = created.body.data!.createMcpServer.id;
});
afterAll(async () => {
  await closeApi();
  await upstream.close();
});

const listed = async () => {
  const result = await api.gql(alice, SERVER_TOOLS, { id: serverId });
  expect(result.body.errors).toBeUndefined();
  return new Map<string, string>(
    result.body.data!.mcpServer.tools.map((tool: { name: string; qualifiedName: string }) => [tool.name, tool.qualifiedName]),
  );
};

describe("hostile tool names", () => {
  it("are each listed under a distinct, valid qualified name", async () => {
    const names = await listed();
    expect([...names.keys()].sort()).toEqual(HOSTILE.map(([, name]) => name).sort());
    expect(new Set(names.values()).size).toBe(HOSTILE.length);
    for (const qualified of names.values()) expect(qualified).toMatch(/^mcp__hostile__[A-Za-z0-9_-]+$/);
    for (const qualified of names.values()) expect(qualified.length).toBeLessThanOrEqual(64);
  });

  it.each(HOSTILE)("reach their own tool through callTool: %s", async (_label, name) => {
    const qualified = (await listed()).get(name)!;
    const result = await api.gql(carol, CALL_TOOL, { input: { qualifiedName: qualified } });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.callTool).toMatchObject({
      status: "SUCCEEDED",
      toolName: name,
      result: { content: [{ type: "text", text: `called ${name}` }] },
    });
    expect(upstream.calls.at(-1)?.name).toBe(name);
  });

  it.each(ERAS)("reach their own tool through the MCP endpoint (%s)", async (era) => {
    const names = await listed();
    const client = await connectClient(era, `${origin}/mcp`, await api.tokenFor(carol));
    try {
      const offered = (await client.listTools()).map((tool) => tool.name);
      expect(offered).toEqual(expect.arrayContaining([...names.values()]));
      for (const [name, qualified] of names) {
        expect(await client.callTool(qualified)).toMatchObject({ content: [{ type: "text", text: `called ${name}` }] });
        expect(upstream.calls.at(-1)?.name).toBe(name);
      }
    } finally {
      await client.close();
    }
  });

  it("keep their qualified names when other tools appear", async () => {
    const before = await listed();
    upstream.setTools([
      ...HOSTILE.map(([, name]) => toolNamed(name)),
      ...["a;b", "ECHO", "日本語ツール2", `long_${"x".repeat(196)}`].map(toolNamed),
    ]);
    const after = await listed();
    expect(after.size).toBe(HOSTILE.length + 4);
    for (const [name, qualified] of before) expect(after.get(name)).toBe(qualified);
    expect(new Set(after.values()).size).toBe(after.size);
  });

  it.each(["__proto__", "constructor"])("keep the settings an admin gives them: %s, disabled, stays disabled", async (name) => {
    const set = await api.gql(alice, SET_TOOL, { id: serverId, tool: name, input: { enabled: false } });
    expect(set.body.data!.setToolSettings).toMatchObject({ name, enabled: false });
    const qualified = (await listed()).get(name)!;
    const tools = (await api.gql(alice, SERVER_TOOLS, { id: serverId })).body.data!.mcpServer.tools as Array<{
      name: string;
      enabled: boolean;
    }>;
    expect(tools.find((tool) => tool.name === name)).toMatchObject({ enabled: false });
    const calls = upstream.calls.length;
    const refused = await api.gql(carol, CALL_TOOL, { input: { qualifiedName: qualified } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(upstream.calls.length).toBe(calls);
  });
});
