import { afterAll, describe, expect, it } from "vitest";
import {
  type AuthorizationServer,
  type AuthorizationServerOptions,
  startAuthorizationServer,
} from "../support/oauth/authorization-server.js";
import { authorizeInBrowser } from "../support/oauth/browser.js";
import { type ProtectedServerOptions, startProtectedMcpServer } from "../support/oauth/protected-mcp-server.js";
import { servePublicEndpoints } from "../support/public-endpoints.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { handleOAuthCallback } from "../../functions/http/oauth-callback.js";
import { COMPLETE_OAUTH, CONNECTOR_STATUSES, START_OAUTH } from "./oauth-fields.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { VALIDATE } from "./tool-fields.js";

const REDIRECT_URI = "http://127.0.0.1:7999/oauth/callback";
const PUBLIC_URL = "https://control-plane.test";
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A fresh authorization server, protected MCP server and API; `name` becomes the server's slug. */
async function setUp(name: string, asOptions: AuthorizationServerOptions = {}, mcpOptions: ProtectedServerOptions = {}, api?: TestApi) {
  const as = await startAuthorizationServer(asOptions);
  const mcp = await startProtectedMcpServer(as, mcpOptions);
  const testApi = api ?? (await startTestApi({ oauth: { redirectUri: REDIRECT_URI, returnOrigins: [] } }));
  cleanups.push(
    () => as.close(),
    () => mcp.close(),
    ...(api ? [] : [() => testApi.close()]),
  );
  const serverId = (await testApi.gql(alice, CREATE, { input: { name, url: mcp.url, authType: "OAUTH2" } })).body.data!.createMcpServer
    .id as string;
  return { as, mcp, api: testApi, serverId };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

const authorizationUrl = async ({ api, serverId }: Setup) => {
  const result = await api.gql(alice, START_OAUTH, { id: serverId });
  expect(result.body.errors).toBeUndefined();
  return new URL(result.body.data!.startOAuth.authorizationUrl as string);
};
async function connect(setup: Setup) {
  const landing = new URL(await authorizeInBrowser((await authorizationUrl(setup)).href, "alice", REDIRECT_URI));
  expect((await handleOAuthCallback(setup.api.services.oauth, new Request(landing))).status).toBe(200);
  const completed = await setup.api.gql(alice, COMPLETE_OAUTH, {
    state: landing.searchParams.get("state"),
    code: landing.searchParams.get("code"),
    iss: landing.searchParams.get("iss"),
  });
  expect(completed.body.errors).toBeUndefined();
}
const echo = ({ api }: Setup, slug: string) =>
  api.gql(alice, CALL_TOOL, { input: { qualifiedName: `mcp__${slug}__echo`, arguments: { message: "x" } } });
const statusOf = async ({ api, serverId }: Setup) =>
  (await api.gql(alice, CONNECTOR_STATUSES)).body.data!.connectorStatuses.find(
    (entry: { server: { id: string } }) => entry.server.id === serverId,
  )?.status;

describe("which scopes a connection asks for (no oauthScopes configured)", () => {
  it("every scope the resource metadata lists, and offline_access when the authorization server offers it", async () => {
    const scopes = ["openid", "offline_access", "mcp:tools", "mcp:read"];
    const setup = await setUp("Listed", { resourceScopes: "mcp:tools mcp:read", scopes }, { scopesSupported: ["mcp:tools", "mcp:read"] });
    expect((await authorizationUrl(setup)).searchParams.get("scope")).toBe("mcp:tools mcp:read offline_access");
    await connect(setup);
    expect((await echo(setup, "listed")).body.data!.callTool.status).toBe("SUCCEEDED");
    const [connection] = await setup.api.services.connections.listForServer(
      alice as never,
      await setup.api.services.servers.get({ tenantId: "acme", userId: "alice", roles: ["admin"] }, setup.serverId),
    );
    expect(connection?.refreshToken).not.toBeNull();
  });

  it("the scope the server's 401 challenge names, before the resource metadata's", async () => {
    const setup = await setUp("Challenged", {}, { challengeScope: "mcp:tools", scopesSupported: ["mcp:tools", "mcp:admin"] });
    expect((await authorizationUrl(setup)).searchParams.get("scope")).toBe("mcp:tools offline_access");
  });

  it("no scope parameter at all when neither says and nothing is offered", async () => {
    const setup = await setUp("Silent", { scopes: ["openid", "mcp:tools"] }, { scopesSupported: null });
    expect((await authorizationUrl(setup)).searchParams.has("scope")).toBe(false);
  });
});

describe("step-up on 403 insufficient_scope", () => {
  it("asks the user to reconnect with the challenged scope, once, and then works", async () => {
    const scopes = ["openid", "offline_access", "mcp:tools", "mcp:admin", "mcp:root"];
    const setup = await setUp("Stepped", { resourceScopes: "mcp:tools mcp:admin", scopes }, { scopesSupported: ["mcp:tools"] });
    await connect(setup);
    expect((await echo(setup, "stepped")).body.data!.callTool.status).toBe("SUCCEEDED");
    setup.mcp.requireScope("mcp:admin");
    const refused = (await echo(setup, "stepped")).body.data!.callTool;
    expect(refused).toMatchObject({ status: "FAILED", error: expect.stringContaining("needs more access (mcp:admin)") });
    expect(await statusOf(setup)).toBe("RECONNECT_REQUIRED");
    expect((await authorizationUrl(setup)).searchParams.get("scope")).toBe("mcp:tools mcp:admin offline_access");
    await connect(setup);
    expect(await statusOf(setup)).toBe("CONNECTED");
    expect((await echo(setup, "stepped")).body.data!.callTool.status).toBe("SUCCEEDED");
    // A scope the authorization server will not grant: asked for once, then the refusal is final.
    setup.mcp.requireScope("mcp:root");
    expect((await echo(setup, "stepped")).body.data!.callTool.error).toContain("needs more access (mcp:root)");
    await connect(setup);
    expect((await echo(setup, "stepped")).body.data!.callTool.error).toContain("was not granted when it asked");
  });
});

describe("a user's grant gone", () => {
  it("reads RECONNECT_REQUIRED in connectorStatuses and validateMcpServer, not an empty tool list", async () => {
    const setup = await setUp("Revoked");
    await connect(setup);
    expect((await echo(setup, "revoked")).body.data!.callTool.status).toBe("SUCCEEDED");
    setup.mcp.rejectEveryToken();
    expect((await echo(setup, "revoked")).body.data!.callTool).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/reconnect/),
    });
    expect(await statusOf(setup)).toBe("RECONNECT_REQUIRED");
    expect((await setup.api.gql(alice, VALIDATE, { id: setup.serverId })).body.data!.validateMcpServer.status).toBe("RECONNECT_REQUIRED");
  });
});

describe("how the platform identifies itself to an authorization server", () => {
  it("registers dynamically, as a web application, where client ID metadata documents are not supported", async () => {
    const setup = await setUp("Registered");
    const url = await authorizationUrl(setup);
    expect(setup.as.registrations).toHaveLength(1);
    expect(setup.as.registrations[0]).toMatchObject({
      application_type: "web",
      token_endpoint_auth_method: "none",
      redirect_uris: [REDIRECT_URI],
    });
    expect(url.searchParams.get("client_id")).toBe(setup.as.registrations[0]!.client_id);
  });

  it("uses its client ID metadata document where the authorization server supports them, registering nothing", async () => {
    const api = await startTestApi({ oauth: { redirectUri: REDIRECT_URI, returnOrigins: [] } });
    const endpoints = await servePublicEndpoints(api);
    cleanups.push(
      () => api.close(),
      () => endpoints.close(),
    );
    // The authorization server fetches https://control-plane.test/...; here that name leads to the loopback server.
    const clientMetadataFetch = (url: string, init: RequestInit) =>
      fetch(url.replace(PUBLIC_URL, endpoints.url), { ...init, dispatcher: undefined } as RequestInit);
    const setup = await setUp("Documented", { clientMetadataFetch }, {}, api);
    const url = await authorizationUrl(setup);
    expect(url.searchParams.get("client_id")).toBe(`${PUBLIC_URL}/oauth/client-metadata.json`);
    expect(setup.as.registrations).toHaveLength(0);
    await connect(setup);
    expect((await echo(setup, "documented")).body.data!.callTool.status).toBe("SUCCEEDED");
  });

  it("registers again when the server's authorization server changes, keeping one registration per issuer", async () => {
    const setup = await setUp("Moving");
    const before = (await authorizationUrl(setup)).searchParams.get("client_id");
    const next: AuthorizationServer = await startAuthorizationServer();
    cleanups.push(() => next.close());
    setup.mcp.moveTo([next.issuer]);
    const url = await authorizationUrl(setup);
    expect(url.origin).toBe(next.issuer);
    expect(url.searchParams.get("client_id")).not.toBe(before);
    const registrations = (await setup.api.table.rawItems()).filter((item) => JSON.stringify(item.sk).includes("OAUTHCLIENT#"));
    expect(registrations).toHaveLength(2);
  });
});
