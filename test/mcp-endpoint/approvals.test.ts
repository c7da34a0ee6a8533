import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, ERAS, type Elicit } from "../support/mcp/clients.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startServedApi } from "../support/http-api.js";
import { alice, carol, type TestApi } from "../support/test-api.js";
import { CREATE } from "../graphql/server-fields.js";
import { APPROVE, PENDING } from "../graphql/tool-call-fields.js";

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let closeApi: () => Promise<void>;
let note = 0;

const CALL = `query($id: ID!) { toolCall(id: $id) { id status decidedBy decidedVia requestedBy } }`;
const writes = () => upstream.state.calls.write_note ?? 0;
const connect = async (era: (typeof ERAS)[number], elicit?: Elicit) =>
  connectClient(era, `${origin}/mcp`, await api.tokenFor(carol), elicit ? { elicit } : {});
const pendingOf = async () =>
  (await api.gql(carol, PENDING)).body.data!.pendingApprovals as Array<{ id: string; arguments: { text: string } }>;

beforeAll(async () => {
  upstream = await startSdkServer();
  // Short waits keep the test quick; write_note is a write tool: it asks for approval by default.
  ({ api, origin, close: closeApi } = await startServedApi({ mcp: { approvalWaitMs: 1_500, streams: false } }));
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
}, 60_000);

afterAll(async () => {
  await closeApi();
  await upstream.close();
});

describe.each(ERAS)("approvals asked in the client (%s)", (era) => {
  it("runs the call exactly once when the user approves in the prompt, and records it as theirs", async () => {
    const prompts: string[] = [];
    const client = await connect(era, async ({ message }) => {
      prompts.push(message);
      return { action: "accept", content: { decision: "approve" } };
    });
    const before = writes();
    const text = `approved ${++note}`;
    const result = await client.callTool("mcp__notes__write_note", { text });
    expect(result).toMatchObject({ content: [{ type: "text", text: `stored: ${text}` }] });
    expect(writes()).toBe(before + 1);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("Tool: write_note");
    expect(prompts[0]).toContain("Server: notes");
    expect(prompts[0]).toContain(text);
    const callId = /Call: (\S+)/.exec(prompts[0]!)![1];
    expect((await api.gql(carol, CALL, { id: callId })).body.data!.toolCall).toMatchObject({
      status: "SUCCEEDED",
      decidedBy: "carol",
      decidedVia: "PROMPT",
    });
    await client.close();
  });

  it("never runs a call the user rejects, and tells the agent why", async () => {
    const client = await connect(era, async () => ({ action: "accept", content: { decision: "reject", reason: "not today" } }));
    const before = writes();
    const result = await client.callTool("mcp__notes__write_note", { text: `rejected ${++note}` });
    expect(result).toMatchObject({ isError: true, content: [{ text: "The user rejected this tool call: not today" }] });
    expect(writes()).toBe(before);
    await client.close();
  });

  it("treats a declined prompt as a rejection", async () => {
    const client = await connect(era, async () => ({ action: "decline" }));
    const before = writes();
    expect(await client.callTool("mcp__notes__write_note", { text: `declined ${++note}` })).toMatchObject({ isError: true });
    expect(writes()).toBe(before);
    await client.close();
  });
});

describe.each(ERAS)("approvals from the inbox, for a client that cannot be asked (%s)", (era) => {
  it("waits with progress while the user decides in GraphQL, then returns the outcome; the decision is the user's, from the inbox", async () => {
    const client = await connect(era);
    const before = writes();
    const text = `waited ${++note}`;
    let approvedId: string | undefined;
    const result = await client.callTool("mcp__notes__write_note", { text }, () => {
      // On the first progress notification the user approves from their inbox.
      if (approvedId) return;
      approvedId = "asked";
      void pendingOf().then(async (pending) => {
        approvedId = pending.find((call) => call.arguments.text === text)!.id;
        await api.gql(carol, APPROVE, { id: approvedId });
      });
    });
    expect(result).toMatchObject({ content: [{ type: "text", text: `stored: ${text}` }] });
    expect(writes()).toBe(before + 1);
    const audit = (await api.gql(carol, CALL, { id: approvedId })).body.data!.toolCall;
    expect(audit).toMatchObject({ status: "SUCCEEDED", decidedBy: "carol", decidedVia: "INBOX", requestedBy: "carol" });
    await client.close();
  });

  it("answers pending with the call id after the wait; asking the same again collects the outcome once, without asking twice", async () => {
    const client = await connect(era);
    const text = `later ${++note}`;
    const pending = await client.callTool("mcp__notes__write_note", { text });
    expect(pending).toMatchObject({ isError: false, structuredContent: { status: "PENDING_APPROVAL", callId: expect.any(String) } });
    const { callId } = pending.structuredContent;
    // Asked again before anyone decided: the same call, still pending; the user has one request in their inbox.
    expect((await client.callTool("mcp__notes__write_note", { text })).structuredContent.callId).toBe(callId);
    expect((await pendingOf()).filter((call) => call.arguments.text === text)).toHaveLength(1);
    const before = writes();
    await api.gql(carol, APPROVE, { id: callId });
    expect(writes()).toBe(before + 1);
    expect(await client.callTool("mcp__notes__write_note", { text })).toMatchObject({ content: [{ text: `stored: ${text}` }] });
    // Collected: the next identical request is a new call, asked anew.
    const again = await client.callTool("mcp__notes__write_note", { text });
    expect(again.structuredContent.callId).not.toBe(callId);
    expect(writes()).toBe(before + 1);
    await client.close();
  });
});

describe("replies to the platform's own questions (2025 era)", () => {
  it("refuses a reply whose id the platform did not sign for this caller", async () => {
    const response = await fetch(`${origin}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await api.tokenFor(carol)}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: "cp-reply.forged.token.here",
        result: { action: "accept", content: { decision: "approve" } },
      }),
    });
    expect(response.status).toBe(400);
  });
});
