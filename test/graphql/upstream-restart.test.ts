import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL, TOOL_CALL } from "./tool-call-fields.js";

let api: TestApi;
const upstreams: SdkServer[] = [];
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
  await Promise.all(upstreams.map((each) => each.close()));
});

describe.each([
  ["streamable", "STREAMABLE_HTTP"],
  ["sse", "SSE"],
  ["websocket", "WEBSOCKET"],
] as const)("an MCP server (%s) restarted while a call runs", (transport, transportName) => {
  it("ends the call FAILED with a reason, and the next call reaches the restarted server", async () => {
    const upstream = await startSdkServer({ transport });
    upstreams.push(upstream);
    const name = `Restarting ${transport}`;
    const created = await api.gql(alice, CREATE, { input: { name, url: upstream.url, transport: transportName } });
    expect(created.body.errors).toBeUndefined();
    const slug = `mcp__restarting_${transport}__`;

    const inFlight = api.gql(alice, CALL_TOOL, { input: { qualifiedName: `${slug}slow`, arguments: { ms: 5_000 } } });
    for (let i = 0; i < 200 && !upstream.state.calls.slow; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(upstream.state.calls.slow).toBe(1);
    await upstream.restart();

    const cut = await inFlight;
    expect(cut.body.errors).toBeUndefined();
    const call = cut.body.data!.callTool;
    expect(call).toMatchObject({ status: "FAILED", result: null });
    // Failed as soon as the connection was cut, not at the timeout, and not run again on a new connection.
    expect(call.error).toBe("The server closed the connection.");
    expect(call.error).not.toMatch(/127\.0\.0\.1|ECONNRESET|stack/);
    // The audit record says the same: nothing left RUNNING.
    expect((await api.gql(alice, TOOL_CALL, { id: call.id })).body.data!.toolCall).toMatchObject({ status: "FAILED" });

    const next = await api.gql(alice, CALL_TOOL, { input: { qualifiedName: `${slug}echo`, arguments: { message: "again" } } });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data!.callTool).toMatchObject({ status: "SUCCEEDED", result: { content: [{ type: "text", text: "again" }] } });
    // The tool ran once: the cut call was not retried behind the agent's back.
    expect(upstream.state.calls.slow).toBe(1);
  });
});
