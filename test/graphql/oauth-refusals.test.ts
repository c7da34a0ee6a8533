import { afterAll, describe, expect, it } from "vitest";
import { startAuthorizationServer } from "../support/oauth/authorization-server.js";
import { startProtectedMcpServer } from "../support/oauth/protected-mcp-server.js";
import { startTrap } from "../support/trap-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { START_OAUTH } from "./oauth-fields.js";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function oauthServer(api: TestApi, url: string) {
  const result = await api.gql(alice, CREATE, {
    input: { name: `OAuth ${Math.random().toString(36).slice(2, 8)}`, url, authType: "OAUTH2" },
  });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer.id as string;
}

describe("startOAuth refuses", () => {
  it("an authorization server that does not advertise PKCE S256", async () => {
    const as = await startAuthorizationServer({ withoutS256: true });
    const mcp = await startProtectedMcpServer(as);
    const api = await startTestApi({ oauth: { redirectUri: "http://127.0.0.1:7999/oauth/callback", returnOrigins: [] } });
    cleanups.push(
      () => as.close(),
      () => mcp.close(),
      () => api.close(),
    );
    const result = await api.gql(alice, START_OAUTH, { id: await oauthServer(api, mcp.url) });
    expect(result.body.errors?.[0]).toMatchObject({
      message: "The authorization server does not advertise PKCE with S256.",
      extensions: { code: "UPSTREAM_ERROR" },
    });
  });

  it("metadata pointing at an address the outbound policy refuses, before connecting to it", async () => {
    const as = await startAuthorizationServer();
    const hidden = await startTrap("127.0.0.2");
    // The MCP server is allowlisted (127.0.0.1); the authorization server it names is not (127.0.0.2, loopback not allowed).
    const mcp = await startProtectedMcpServer(as, { authorizationServers: [hidden.url] });
    const api = await startTestApi({
      outbound: { allowLoopback: false, allowCidrs: ["127.0.0.1/32"] },
      oauth: { redirectUri: "http://127.0.0.1:7999/oauth/callback", returnOrigins: [] },
    });
    cleanups.push(
      () => as.close(),
      () => hidden.close(),
      () => mcp.close(),
      () => api.close(),
    );
    const result = await api.gql(alice, START_OAUTH, { id: await oauthServer(api, mcp.url) });
    expect(result.body.errors?.[0]).toMatchObject({
      message: "The server's address is not allowed by the outbound policy.",
      extensions: { code: "UPSTREAM_ERROR" },
    });
    expect(hidden.connections()).toBe(0);
  });

  it("metadata naming a cloud metadata address, which is refused without any connection", async () => {
    const as = await startAuthorizationServer();
    const mcp = await startProtectedMcpServer(as, { authorizationServers: ["http://169.254.169.254/latest"] });
    const api = await startTestApi({ oauth: { redirectUri: "http://127.0.0.1:7999/oauth/callback", returnOrigins: [] } });
    cleanups.push(
      () => as.close(),
      () => mcp.close(),
      () => api.close(),
    );
    const result = await api.gql(alice, START_OAUTH, { id: await oauthServer(api, mcp.url) });
    expect(result.body.errors?.[0]?.extensions?.code).toBe("UPSTREAM_ERROR");
    expect(result.text).not.toContain("169.254");
  });

  it("a server that is not an OAuth server", async () => {
    const api = await startTestApi({ oauth: { redirectUri: "http://127.0.0.1:7999/oauth/callback", returnOrigins: [] } });
    cleanups.push(() => api.close());
    const id = (await api.gql(alice, CREATE, { input: { name: "Plain", url: "https://mcp.example.com/mcp" } })).body.data!.createMcpServer
      .id;
    expect((await api.gql(alice, START_OAUTH, { id })).body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serverId",
    });
  });
});
