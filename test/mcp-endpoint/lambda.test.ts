import { readFileSync } from "node:fs";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaHandler } from "../../functions/http/lambda-http.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "../graphql/server-fields.js";

let api: TestApi;
let upstream: SdkServer;

beforeAll(async () => {
  upstream = await startSdkServer();
  api = await startTestApi();
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
}, 60_000);
afterAll(async () => {
  await api.close();
  await upstream.close();
});

/** The MCP endpoint behind the same Lambda adapter functions/mcp.ts uses, fed Function URL events. */
const handler = () => lambdaHandler(async () => async (request) => (await api.mcpEndpoint(request)) ?? new Response(null, { status: 404 }));

async function invoke(body: object, headers: Record<string, string> = {}) {
  const event: APIGatewayProxyEventV2 = JSON.parse(
    readFileSync(new URL("../functions/fixtures/function-url-post.json", import.meta.url), "utf8"),
  );
  const authorization = `Bearer ${await api.tokenFor(carol)}`;
  const result = await handler()({
    ...event,
    rawPath: "/mcp",
    rawQueryString: "",
    cookies: [],
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization, ...headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  });
  return result;
}

describe("the MCP endpoint on Lambda (Function URL events)", () => {
  it("serves a 2025-era client: initialize hands out a session id, and a buffered SSE answer carries the tools", async () => {
    const initialized = await invoke({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    });
    expect(initialized.statusCode).toBe(200);
    const session = initialized.headers!["mcp-session-id"] as string;
    expect(session).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const listed = await invoke(
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
      { "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" },
    );
    expect(listed.body).toContain("mcp__notes__echo");
  });

  it("serves a 2026-era client with no session at all", async () => {
    const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
    const listed = await invoke(
      { jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: meta } },
      { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" },
    );
    expect(listed.statusCode).toBe(200);
    expect(JSON.parse(listed.body as string).result).toMatchObject({
      tools: expect.arrayContaining([expect.objectContaining({ name: "mcp__notes__echo" })]),
      ttlMs: 30_000,
      cacheScope: "private",
    });
  });

  it("refuses a session id handed to someone else as if it did not exist", async () => {
    const initialized = await invoke({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    });
    const carols = initialized.headers!["mcp-session-id"] as string;
    const event = await invoke(
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
      { "mcp-session-id": carols, authorization: `Bearer ${await api.tokenFor(alice)}` },
    );
    expect(event.statusCode).toBe(404);
  });
});
