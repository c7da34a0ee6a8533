import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incompressibleText, nestedObject, payloadTools } from "../support/mcp/payload-tools.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_FIELDS } from "./tool-call-fields.js";

const FIELDS = `${CALL_FIELDS} resultTruncated resultBytes`;
const CALL_TOOL = `mutation($input: CallToolInput!) { callTool(input: $input) { ${FIELDS} } }`;
const TOOL_CALL = `query($id: ID!) { toolCall(id: $id) { ${FIELDS} } }`;

let api: TestApi;
let upstream: SdkServer;

const callTool = (name: string, args: Record<string, unknown>) =>
  api.gql(carol, CALL_TOOL, { input: { qualifiedName: `mcp__payloads__${name}`, arguments: args } });
const ok = (result: Awaited<ReturnType<TestApi["gql"]>>, field: string) => {
  expect(result.body.errors).toBeUndefined();
  return result.body.data![field];
};
const storedCalls = async () => (await api.table.rawItems()).filter((item) => String(item.pk).includes("CALL#"));
const textOf = (call: { result: { content: Array<{ text: string }> } }) => call.result.content[0]!.text;

beforeAll(async () => {
  // The body limit of the deployment's default (1 MB), so arguments reach the call service.
  api = await startTestApi({ maxBodyBytes: 1_000_000 });
  upstream = await startSdkServer({ extraTools: payloadTools });
  await api.gql(alice, CREATE, { input: { name: "Payloads", url: upstream.url } });
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});

describe("results larger than a DynamoDB item", () => {
  it("reach the agent whole, and the audit record finishes with an excerpt, marked truncated, and the full size", async () => {
    const call = ok(await callTool("big", { length: 600_000 }), "callTool");
    expect(call).toMatchObject({ status: "SUCCEEDED", error: null, resultTruncated: false });
    expect(textOf(call)).toBe(incompressibleText(600_000));
    expect(call.resultBytes).toBeGreaterThan(600_000);

    const stored = ok(await api.gql(carol, TOOL_CALL, { id: call.id }), "toolCall");
    expect(stored).toMatchObject({
      status: "SUCCEEDED",
      resultTruncated: true,
      resultBytes: call.resultBytes,
      durationMs: call.durationMs,
    });
    expect(incompressibleText(600_000).startsWith(textOf(stored))).toBe(true);
    expect(textOf(stored).length).toBeGreaterThan(10_000);
  });

  it("are stored whole, compressed, when they compress into the item", async () => {
    const call = ok(await callTool("big", { length: 2_000_000, repeated: true }), "callTool");
    const stored = ok(await api.gql(carol, TOOL_CALL, { id: call.id }), "toolCall");
    expect(stored).toEqual(call);
    expect(stored).toMatchObject({ status: "SUCCEEDED", resultTruncated: false });
    expect(textOf(stored)).toBe("x".repeat(2_000_000));
  });
});

describe("results over MAX_RESULT_BYTES", () => {
  it("are a FAILED call saying the result was too large, recorded as such", async () => {
    const before = upstream.state.calls.big ?? 0;
    const call = ok(await callTool("big", { length: 6_000_000 }), "callTool");
    expect(call).toMatchObject({ status: "FAILED", result: null, resultTruncated: false });
    expect(call.error).toMatch(/too large.*5242880 bytes.*MAX_RESULT_BYTES/);
    expect(ok(await api.gql(carol, TOOL_CALL, { id: call.id }), "toolCall")).toEqual(call);
    expect(upstream.state.calls.big).toBe(before + 1);
  });
});

describe("arguments", () => {
  it.each([
    ["over MAX_ARGUMENT_BYTES", { blob: "a".repeat(300_000) }, /262144 bytes.*MAX_ARGUMENT_BYTES/],
    ["nested deeper than MAX_ARGUMENT_DEPTH", nestedObject(40), /32 levels.*MAX_ARGUMENT_DEPTH/],
  ])("%s are refused before anything runs or is stored", async (_label, args, message) => {
    const before = upstream.state.receivedArguments.length;
    const calls = (await storedCalls()).length;
    const result = await callTool("keys", args);
    expect(result.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(message),
      extensions: { code: "BAD_USER_INPUT", field: "arguments" },
    });
    expect(upstream.state.receivedArguments.length).toBe(before);
    expect((await storedCalls()).length).toBe(calls);
  });

  it("within the limits run as usual", async () => {
    const call = ok(await callTool("keys", { blob: "a".repeat(200_000), deep: nestedObject(30) }), "callTool");
    expect(call.status).toBe("SUCCEEDED");
  });

  it("named like Object's own properties are plain data: forwarded exactly, stored and read back", async () => {
    const args = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":"c","toString":"t","hasOwnProperty":{"valueOf":1},"nested":{"__proto__":[1]}}',
    ) as Record<string, unknown>;
    const call = ok(await callTool("keys", args), "callTool");
    expect(call.status).toBe("SUCCEEDED");
    expect(JSON.stringify(upstream.state.receivedArguments.at(-1))).toBe(JSON.stringify(args));
    const stored = ok(await api.gql(carol, TOOL_CALL, { id: call.id }), "toolCall");
    expect(JSON.stringify(stored.arguments)).toBe(JSON.stringify(args));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("results answered as one HTTP response body (not an event stream)", () => {
  let jsonUpstream: SdkServer;
  beforeAll(async () => {
    jsonUpstream = await startSdkServer({ extraTools: payloadTools, jsonResponse: true });
  });
  afterAll(async () => {
    await jsonUpstream.close();
  });

  /** Calls `big` through a second API process on the same table, with its own limits. */
  const callOn = async (limits: Partial<{ maxResultBytes: number }>, slug: string, length: number) => {
    const own = await startTestApi({ sharing: { table: api.table, issuer: api.issuer }, payloadLimits: limits });
    try {
      await own.gql(alice, CREATE, { input: { name: slug, url: jsonUpstream.url } });
      return ok(await own.gql(carol, CALL_TOOL, { input: { qualifiedName: `mcp__${slug}__big`, arguments: { length } } }), "callTool");
    } finally {
      await own.close();
    }
  };

  it("over the HTTP cap read as too large, not as a refusal of the outbound policy", async () => {
    const call = await callOn({}, "json_default", 6_000_000);
    expect(call).toMatchObject({ status: "FAILED", result: null });
    expect(call.error).toMatch(/too large/);
    expect(call.error).not.toMatch(/outbound policy/);
  });

  it("may be as large as MAX_RESULT_BYTES even above the default HTTP cap", async () => {
    const call = await callOn({ maxResultBytes: 8 * 1024 * 1024 }, "json_large", 6_000_000);
    expect(call).toMatchObject({ status: "SUCCEEDED", resultTruncated: false });
    expect(textOf(call)).toBe(incompressibleText(6_000_000));
  });
});
