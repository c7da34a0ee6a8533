import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE } from "../graphql/server-fields.js";
import { SET_TOOL } from "../graphql/tool-fields.js";
import { APPROVE, PENDING } from "../graphql/tool-call-fields.js";
import { startServedApi } from "../support/http-api.js";
import { connectClient, ERAS } from "../support/mcp/clients.js";
import { incompressibleText, nestedObject, payloadTools } from "../support/mcp/payload-tools.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, type TestApi } from "../support/test-api.js";

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let serverId: string;
let closeApi: () => Promise<void>;

const connect = async (era: (typeof ERAS)[number]) => connectClient(era, `${origin}/mcp`, await api.tokenFor(carol));
const storedCalls = async () => (await api.table.rawItems()).filter((item) => JSON.stringify(item.pk).includes("CALL#"));

beforeAll(async () => {
  upstream = await startSdkServer({ extraTools: payloadTools });
  ({ api, origin, close: closeApi } = await startServedApi({ mcp: { approvalWaitMs: 20_000, streams: false } }));
  serverId = (await api.gql(alice, CREATE, { input: { name: "Payloads", url: upstream.url } })).body.data!.createMcpServer.id;
}, 60_000);

afterAll(async () => {
  await closeApi();
  await upstream.close();
});

describe.each(ERAS)("tools/call payloads (%s)", (era) => {
  it("passes a result larger than a DynamoDB item to the agent whole", async () => {
    const client = await connect(era);
    const result = await client.callTool("mcp__payloads__big", { length: 600_000 });
    expect(result.isError ?? false).toBe(false);
    expect(result.content).toEqual([{ type: "text", text: incompressibleText(600_000) }]);
    await client.close();
  });

  it("answers a result over MAX_RESULT_BYTES with a tool error saying it was too large", async () => {
    const client = await connect(era);
    const result = await client.callTool("mcp__payloads__big", { length: 6_000_000 });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: expect.stringMatching(/too large.*MAX_RESULT_BYTES/) }],
    });
    await client.close();
  });

  it.each([
    ["over MAX_ARGUMENT_BYTES", { blob: "a".repeat(300_000) }, /MAX_ARGUMENT_BYTES/],
    ["nested deeper than MAX_ARGUMENT_DEPTH", nestedObject(40), /MAX_ARGUMENT_DEPTH/],
  ])("refuses arguments %s before anything runs or is stored", async (_label, args, limit) => {
    const client = await connect(era);
    const [received, calls] = [upstream.state.receivedArguments.length, (await storedCalls()).length];
    const result = await client.callTool("mcp__payloads__keys", args);
    expect(result).toMatchObject({ isError: true, content: [{ type: "text", text: expect.stringMatching(limit) }] });
    expect(upstream.state.receivedArguments.length).toBe(received);
    expect((await storedCalls()).length).toBe(calls);
    await client.close();
  });

  it("forwards argument keys named like Object's own properties exactly", async () => {
    const client = await connect(era);
    const args = { constructor: "c", toString: "t", hasOwnProperty: { valueOf: 1 } };
    const result = await client.callTool("mcp__payloads__keys", args);
    expect(result).toMatchObject({ content: [{ type: "text", text: "received" }] });
    expect(upstream.state.receivedArguments.at(-1)).toEqual(args);
    await client.close();
  });
});

describe("a large result collected after its approval", () => {
  it("is the audit record's excerpt, and the agent is told it is not the whole", async () => {
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "big", input: { approvalMode: "ASK" } });
    const client = await connect("2025-11-25");
    const answer = client.callTool("mcp__payloads__big", { length: 600_000 });
    let pending: Array<{ id: string }> = [];
    while (pending.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      pending = (await api.gql(carol, PENDING)).body.data!.pendingApprovals;
    }
    expect((await api.gql(carol, APPROVE, { id: pending[0]!.id })).body.data!.approveToolCall.status).toBe("SUCCEEDED");
    const { content, isError } = await answer;
    expect(isError ?? false).toBe(false);
    expect(incompressibleText(600_000).startsWith(content[0].text)).toBe(true);
    expect(content[0].text.length).toBeLessThan(600_000);
    expect(content.at(-1).text).toMatch(/only the first .* of this result.*bytes/i);
    await client.close();
    await api.gql(alice, SET_TOOL, { id: serverId, tool: "big", input: { approvalMode: "DEFAULT" } });
  });
});
