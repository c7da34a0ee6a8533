import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServedApi } from "../support/http-api.js";
import { connectClient, ERAS } from "../support/mcp/clients.js";
import { startRawToolsServer } from "../support/mcp/raw-tools-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { SERVER_TOOLS, TOOL_FIELDS } from "./tool-fields.js";

const readOnly = { readOnlyHint: true };
/** Published servers' tools: some odd but usable (normalised), some unusable (skipped, each with its reason). */
const LISTED: unknown[] = [
  { name: "well_formed", inputSchema: { type: "object", properties: { q: { type: "string" } } }, annotations: readOnly },
  { name: "no_type", inputSchema: { properties: { q: { type: "string" } }, required: ["q"] }, annotations: readOnly },
  { name: "empty_schema", inputSchema: {}, annotations: readOnly },
  { name: "null_properties", inputSchema: { type: "object", properties: null, required: null }, annotations: readOnly },
  { name: "no_schema", description: 42, annotations: { readOnlyHint: "yes", title: 7 }, outputSchema: { type: "string" } },
  { name: "string_schema", inputSchema: "anything goes" },
  { name: "array_schema", inputSchema: { type: "array", items: {} } },
  { inputSchema: { type: "object" } },
  { name: 42, inputSchema: { type: "object" } },
  { name: "well_formed", description: "listed twice", inputSchema: { type: "object" } },
  "not a tool at all",
];
const USABLE = ["well_formed", "no_type", "empty_schema", "null_properties", "no_schema"];
const SKIPPED = [
  { name: "string_schema", reason: "Its inputSchema is not a JSON object." },
  { name: "array_schema", reason: 'Its inputSchema describes "array", not an object of arguments.' },
  { name: "", reason: "It has no name." },
  { name: "42", reason: "Its name is not a string." },
  { name: "well_formed", reason: "Another tool of the server has the same name." },
  { name: "", reason: "It is not a JSON object." },
];

const SERVER = `query($id: ID!) { mcpServer(id: $id) { status lastError skippedTools { name reason } tools { ${TOOL_FIELDS} } } }`;
const VALIDATE = `mutation($id: ID!) { validateMcpServer(id: $id) { status lastError skippedTools { name reason } } }`;

let api: TestApi;
let origin: string;
let closeApi: () => Promise<void>;
const upstreams: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  ({ api, origin, close: closeApi } = await startServedApi());
});
afterAll(async () => {
  await closeApi();
  await Promise.all(upstreams.map((upstream) => upstream.close()));
});

const serve = async (era: (typeof ERAS)[number], tools: unknown[]) => {
  const upstream = await startRawToolsServer(era, tools);
  upstreams.push(upstream);
  return upstream;
};
const create = async (input: Record<string, unknown>) => {
  const result = await api.gql(alice, CREATE, { input });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer as { id: string; slug: string };
};
const serverOf = async (id: string) => {
  const result = await api.gql(alice, SERVER, { id });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.mcpServer;
};
/** At least an item's size: binary attributes count their bytes, the rest its JSON. */
const roughBytes = (item: unknown) =>
  JSON.stringify(item, (_key, value) => (value instanceof Uint8Array ? "x".repeat(value.length) : value)).length;
const byName = (tools: Array<{ name: string }>) => Object.fromEntries(tools.map((tool) => [tool.name, tool])) as Record<string, any>;

describe.each(ERAS)("a server of the %s era whose tool list is partly odd", (era) => {
  it("lists its usable tools, normalised, and says which it skipped and why", async () => {
    const upstream = await serve(era, LISTED);
    const { id, slug } = await create({ name: `Odd Tools ${era}`, url: upstream.url });
    const tools = byName((await serverOf(id)).tools);
    expect(Object.keys(tools)).toEqual(USABLE);
    expect(tools.well_formed.inputSchema).toEqual({ type: "object", properties: { q: { type: "string" } } });
    expect(tools.no_type.inputSchema).toEqual({ type: "object", properties: { q: { type: "string" } }, required: ["q"] });
    expect(tools.empty_schema.inputSchema).toEqual({ type: "object" });
    expect(tools.null_properties.inputSchema).toEqual({ type: "object" });
    expect(tools.no_schema).toMatchObject({ inputSchema: { type: "object" }, description: null, annotations: {}, labels: ["WRITE"] });

    expect((await api.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer).toEqual({
      status: "CONNECTED",
      lastError: null,
      skippedTools: SKIPPED,
    });
    expect((await serverOf(id)).skippedTools).toEqual(SKIPPED);

    const call = await api.gql(carol, CALL_TOOL, { input: { qualifiedName: `mcp__${slug}__no_type`, arguments: { q: "x" } } });
    expect(call.body.data!.callTool).toMatchObject({ status: "SUCCEEDED", result: { content: [{ text: "called no_type" }] } });
  });

  it("offers its usable tools through the MCP endpoint to clients of both eras", async () => {
    const upstream = await serve(era, LISTED);
    const { slug } = await create({ name: `Odd Endpoint ${era}`, url: upstream.url });
    for (const clientEra of ERAS) {
      const client = await connectClient(clientEra, `${origin}/mcp`, await api.tokenFor(carol));
      try {
        const offered = byName(await client.listTools());
        for (const name of USABLE) expect(offered[`mcp__${slug}__${name}`]).toMatchObject({ inputSchema: { type: "object" } });
        expect(await client.callTool(`mcp__${slug}__empty_schema`)).toMatchObject({ content: [{ text: "called empty_schema" }] });
      } finally {
        await client.close();
      }
    }
  });

  it("is refreshed by the refresh-tools job: the cache holds the usable tools, the status the skipped ones", async () => {
    const upstream = await serve(era, LISTED);
    const { id } = await create({ name: `Odd Cached ${era}`, url: upstream.url, toolsCacheEnabled: true });
    await api.refresher.refreshAll();
    const server = await serverOf(id);
    expect(server).toMatchObject({ status: "CONNECTED", skippedTools: SKIPPED });
    expect(server.tools.map((tool: { name: string }) => tool.name)).toEqual(USABLE);

    upstream.setTools(LISTED.slice(0, 5));
    await api.refresher.refreshAll();
    expect((await serverOf(id)).skippedTools).toEqual([]);
  });
});

describe("a server with enormous tool definitions", () => {
  // Random text: it does not compress, as a hostile server's would not.
  const huge = randomBytes(500_000).toString("hex");
  const tools = [
    { name: "huge_description", description: huge, inputSchema: { type: "object" }, annotations: readOnly },
    { name: "huge_schema", inputSchema: { type: "object", properties: { blob: { type: "string", description: huge } } } },
    { name: "small", description: "Fits", inputSchema: { type: "object" }, annotations: readOnly },
  ];

  it.each(ERAS)("stores a cut description, skips a schema over the bound, and stays within DynamoDB's item size (%s)", async (era) => {
    const upstream = await serve(era, tools);
    const { id } = await create({ name: `Enormous ${era}`, url: upstream.url, toolsCacheEnabled: true });
    const refreshed = await api.gql(alice, `mutation($id: ID!) { refreshTools(serverId: $id) { status skippedTools { name reason } } }`, {
      id,
    });
    expect(refreshed.body.errors).toBeUndefined();
    expect(refreshed.body.data!.refreshTools).toEqual({
      status: "CONNECTED",
      skippedTools: [{ name: "huge_schema", reason: "Its inputSchema is larger than 65536 bytes." }],
    });
    const listed = byName((await serverOf(id)).tools);
    expect(Object.keys(listed)).toEqual(["huge_description", "small"]);
    const description: string = listed.huge_description.description;
    expect(new TextEncoder().encode(description).length).toBeLessThanOrEqual(8192);
    expect(description.startsWith(huge.slice(0, 1000))).toBe(true);
    expect(description.endsWith("… [description cut at 8192 bytes]")).toBe(true);
    for (const item of await api.table.rawItems()) expect(roughBytes(item)).toBeLessThan(400_000);
  });

  it("lists them live without a 500", async () => {
    const upstream = await serve("2025-11-25", tools);
    const { id } = await create({ name: "Enormous Live", url: upstream.url });
    const result = await api.gql(alice, SERVER_TOOLS, { id });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.mcpServer.tools.map((tool: { name: string }) => tool.name)).toEqual(["huge_description", "small"]);
  });

  it("keeps to the bounds the deployment sets (TOOL_DESCRIPTION_MAX_BYTES, TOOL_SCHEMA_MAX_BYTES)", async () => {
    const strict = await startTestApi({ toolBounds: { descriptionBytes: 300, schemaBytes: 2000 } });
    try {
      const upstream = await serve("2025-11-25", [
        { name: "wordy", description: "w".repeat(1000), inputSchema: { type: "object" } },
        { name: "schema_2k", inputSchema: { type: "object", properties: { q: { type: "string", description: "s".repeat(2000) } } } },
      ]);
      const created = await strict.gql(alice, CREATE, { input: { name: "Strict", url: upstream.url } });
      const id = created.body.data!.createMcpServer.id;
      const server = (await strict.gql(alice, SERVER, { id })).body.data!.mcpServer;
      const { name, description } = server.tools[0];
      expect([server.tools.length, name, new TextEncoder().encode(description).length]).toEqual([1, "wordy", 300]);
      expect((await strict.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer.skippedTools).toEqual([
        { name: "schema_2k", reason: "Its inputSchema is larger than 2000 bytes." },
      ]);
    } finally {
      await strict.close();
    }
  });
});
