import type { McpServer as SdkMcpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoToolStore } from "../../adapters/dynamo/tool-store.js";
import { startBedrockServer } from "../support/bedrock-server.js";
import { startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, startTestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { REFRESH, SEARCH_TOOLS, SET_TOOL } from "./tool-fields.js";

/** A workplace server: rooms, on-call, expenses (tools named the way vendors name them). */
function workplaceTools(server: SdkMcpServer) {
  const tool = (name: string, description: string) =>
    server.registerTool(name, { description, inputSchema: {}, annotations: { readOnlyHint: true } }, async () => ({
      content: [{ type: "text", text: name }],
    }));
  tool("reserve_room", "Reserve a conference room for a time slot");
  tool("list_oncalls", "List who is on call for each escalation policy");
  tool("submit_expense", "Submit an expense report with receipts");
  tool("archive_channel", "Archive a chat channel");
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function setUp(options: Parameters<typeof startTestApi>[0] = {}) {
  const upstream = await startSdkServer({ defaults: false, extraTools: workplaceTools });
  const api = await startTestApi(options);
  cleanups.push(
    () => api.close(),
    () => upstream.close(),
  );
  const serverId = (await api.gql(alice, CREATE, { input: { name: "Workplace", url: upstream.url, toolsCacheEnabled: true } })).body.data!
    .createMcpServer.id as string;
  await api.gql(alice, REFRESH, { id: serverId });
  const search = async (caller: typeof alice, q: string, limit = 3) => {
    const result = await api.gql(caller, SEARCH_TOOLS, { q, limit });
    expect(result.body.errors).toBeUndefined();
    return (result.body.data!.searchTools as Array<{ name: string }>).map((tool) => tool.name);
  };
  return { api, upstream, serverId, search };
}

describe("searchTools", () => {
  let setup: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    setup = await setUp();
  });

  it("finds tools by what people mean, deferred ones included", async () => {
    await setup.api.gql(alice, SET_TOOL, { id: setup.serverId, tool: "reserve_room", input: { deferred: true } });
    expect((await setup.search(bob, "book a meeting room for the retro"))[0]).toBe("reserve_room");
    expect((await setup.search(bob, "who is on call this weekend"))[0]).toBe("list_oncalls");
  });

  it("never returns a disabled tool", async () => {
    await setup.api.gql(alice, SET_TOOL, { id: setup.serverId, tool: "submit_expense", input: { enabled: false } });
    expect(await setup.search(bob, "submit an expense report", 10)).not.toContain("submit_expense");
  });

  it("follows a tool that changes: the tenant's index is rebuilt", async () => {
    expect(await setup.search(bob, "freeze a discussion", 1)).not.toEqual(["archive_channel"]);
    setup.upstream.changeTool("archive_channel", "Freeze a discussion so no one can post in it");
    await setup.api.gql(alice, REFRESH, { id: setup.serverId });
    expect(await setup.search(bob, "freeze a discussion", 1)).toEqual(["archive_channel"]);
  });
});

describe("searchTools with Bedrock embeddings", () => {
  it("stores a vector on each tool when it is seen, and fuses the model's ranking in", async () => {
    const bedrock = await startBedrockServer([["expense", "reimbursement", "reimbursed"]]);
    cleanups.push(() => bedrock.close());
    const { api, search } = await setUp({ search: { modelId: "amazon.titan-embed-text-v2:0", dimensions: 256, endpoint: bedrock.url } });
    const documents = bedrock.requests.map((request) => request.body.inputText);
    expect(documents).toEqual(expect.arrayContaining([expect.stringContaining("submit_expense. Submit an expense report with receipts")]));
    const records = await new DynamoToolStore(documentClient(api.table.dynamo), api.table.tableName).listForTenant("acme");
    const stored = records.filter((record) => record.embedding?.length === 256);
    expect(stored).toHaveLength(4);
    expect((await search(bob, "get reimbursed", 2))[0]).toBe("submit_expense");
    expect(bedrock.requests.at(-1)!.body.inputText).toBe("get reimbursed");
  });
});
