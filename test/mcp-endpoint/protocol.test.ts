import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, ERAS } from "../support/mcp/clients.js";
import { startEverythingServer } from "../support/mcp/everything-server.js";
import { startModernServer } from "../support/mcp/modern-server.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startServedApi } from "../support/http-api.js";
import { alice, carol, type TestApi } from "../support/test-api.js";
import { CREATE } from "../graphql/server-fields.js";

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let modern: Awaited<ReturnType<typeof startModernServer>>;
let everything: Awaited<ReturnType<typeof startEverythingServer>>;
let closeApi: () => Promise<void>;
let guarded: SdkServer;
const CANARY = "canary-mcp-secret-4321";

beforeAll(async () => {
  [upstream, modern, everything, guarded] = await Promise.all([
    startSdkServer(),
    startModernServer(),
    startEverythingServer("streamableHttp"),
    startSdkServer({ requireAuthorization: "Bearer the-right-one" }),
  ]);
  // A short call timeout bounds the slow tool; the authorization server is what RFC 9728 metadata names.
  ({
    api,
    origin,
    close: closeApi,
  } = await startServedApi({
    mcpRequestTimeoutMs: 1_000,
    mcp: { approvalWaitMs: 1_000, streams: true, authorizationServer: "https://login.example.com" },
  }));
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
  await api.gql(alice, CREATE, { input: { name: "Modern", url: modern.url } });
  await api.gql(alice, CREATE, { input: { name: "Everything", url: everything.url } });
  await api.gql(alice, CREATE, { input: { name: "Guarded", url: guarded.url, authType: "TOKEN", credential: `Bearer ${CANARY}` } });
}, 60_000);

afterAll(async () => {
  await closeApi();
  await Promise.all([upstream.close(), modern.close(), everything.close(), guarded.close()]);
});

describe("authentication", () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${origin}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });

  it.each([
    ["no token", {}],
    ["a malformed token", { authorization: "Bearer not-a-jwt" }],
    ["a token of another issuer", { authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" }],
  ])("answers %s with 401 and where to get a token (RFC 9728)", async (_label, headers) => {
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(
      new RegExp(`^Bearer .*error="invalid_token".*resource_metadata="${origin}/\\.well-known/oauth-protected-resource/mcp"`),
    );
  });

  it("publishes the protected-resource metadata of /mcp and of each server's endpoint", async () => {
    const metadata = await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(metadata).toEqual({
      resource: `${origin}/mcp`,
      authorization_servers: ["https://login.example.com"],
      bearer_methods_supported: ["header"],
      resource_name: "MCP connector control plane",
    });
    const perServer = await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp/servers/notes`)).json();
    expect(perServer.resource).toBe(`${origin}/mcp/servers/notes`);
  });
});

describe.each(ERAS)("upstreams (%s client)", (era) => {
  it("bounds a slow upstream by the call timeout: the agent gets a tool error, not a hang", async () => {
    const client = await connectClient(era, `${origin}/mcp`, await api.tokenFor(carol));
    const result = await client.callTool("mcp__notes__slow", { ms: 5_000 });
    expect(result).toMatchObject({ isError: true, content: [{ text: "The server did not answer in time." }] });
    await client.close();
  });

  it("reaches a 2026-era upstream too, probing its era once", async () => {
    const client = await connectClient(era, `${origin}/mcp`, await api.tokenFor(carol));
    expect((await client.listTools()).map((tool) => tool.name)).toContain("mcp__modern__whoami");
    expect(await client.callTool("mcp__modern__whoami")).toMatchObject({ content: [{ text: "modern era, protocol 2026-07-28" }] });
    expect(modern.counts.legacy).toBe(0);
    expect(modern.counts.discover).toBe(1);
    await client.close();
  });

  it("passes server-everything's resources and prompts through its own endpoint", async () => {
    const client = await connectClient(era, `${origin}/mcp/servers/everything`, await api.tokenFor(carol));
    const raw = client.raw as any;
    const { resources } = await raw.listResources();
    expect(resources.length).toBeGreaterThan(0);
    const read = await raw.readResource({ uri: resources[0].uri });
    expect(read.contents[0].uri).toBe(resources[0].uri);
    const { prompts } = await raw.listPrompts();
    const simple = prompts.find((prompt: { name: string }) => /simple/i.test(prompt.name));
    expect((await raw.getPrompt({ name: simple.name })).messages.length).toBeGreaterThan(0);
    await client.close();
  });
});

describe.each(ERAS)("secrets (%s client)", (era) => {
  it("never shows a server credential or an upstream's refusal body, and never sends the caller's own token upstream", async () => {
    const token = await api.tokenFor(carol);
    const client = await connectClient(era, `${origin}/mcp`, token);
    const listed = JSON.stringify(await client.listTools());
    const refused = await client.callTool("mcp__guarded__echo", { message: "hi" });
    expect(refused).toMatchObject({ isError: true });
    const called = JSON.stringify(await client.callTool("mcp__notes__echo", { message: "hi" }));
    for (const seen of [listed, JSON.stringify(refused), called, api.logs.join("\n")]) {
      expect(seen).not.toContain(CANARY);
      expect(seen).not.toContain("10.1.2.3");
    }
    const sentUpstream = [...upstream.state.requestHeaders, ...guarded.state.requestHeaders].map((headers) => JSON.stringify(headers));
    expect(sentUpstream.some((headers) => headers.includes(token))).toBe(false);
    await client.close();
  });
});
