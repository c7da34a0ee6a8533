import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { SERVER_TOOLS, VALIDATE } from "./tool-fields.js";

let api: TestApi;
const upstreams: SdkServer[] = [];
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
  await Promise.all(upstreams.map((each) => each.close()));
});

describe.each(["streamable", "sse", "websocket"] as const)("an MCP server on IPv6 loopback ([::1]) over %s", (transport) => {
  it("is registered and listed where loopback is allowed", async () => {
    const upstream = await startSdkServer({ host: "::1", transport });
    upstreams.push(upstream);
    expect(upstream.url).toContain("[::1]");
    const transportName = { streamable: "STREAMABLE_HTTP", sse: "SSE", websocket: "WEBSOCKET" }[transport];
    const created = await api.gql(alice, CREATE, { input: { name: `v6 ${transport}`, url: upstream.url, transport: transportName } });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.createMcpServer.id;
    expect((await api.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer).toMatchObject({ status: "CONNECTED", lastError: null });
    const listed = await api.gql(alice, SERVER_TOOLS, { id });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.mcpServer.tools.map((tool: { name: string }) => tool.name)).toContain("echo");
  });
});
