import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFromClaims } from "../../domain/shared/caller.js";
import { handleOAuthCallback } from "../../functions/http/oauth-callback.js";
import { manualClock } from "../support/clock.js";
import { type AuthorizationServer, startAuthorizationServer } from "../support/oauth/authorization-server.js";
import { authorizeInBrowser } from "../support/oauth/browser.js";
import { startProtectedMcpServer } from "../support/oauth/protected-mcp-server.js";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { COMPLETE_OAUTH, CONNECTOR_STATUSES, DISCONNECT_OAUTH, START_OAUTH } from "./oauth-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { AGENT_TOOLS, VALIDATE } from "./tool-fields.js";

const REDIRECT_URI = "http://127.0.0.1:7999/oauth/callback";
const RETURN = "https://chat.example.com";
const clock = manualClock();
let as: AuthorizationServer;
let mcp: Awaited<ReturnType<typeof startProtectedMcpServer>>;
let api: TestApi;
let serverId: string;

const errorOf = (result: Awaited<ReturnType<TestApi["gql"]>>) => result.body.errors?.[0];
async function start(caller: typeof alice, returnTo?: string) {
  const result = await api.gql(caller, START_OAUTH, { id: serverId, returnTo });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.startOAuth.authorizationUrl as string;
}
const callback = (url: string) => handleOAuthCallback(api.services.oauth, new Request(url));
/** What a frontend does on its return page: completeOAuth with the parameters the callback forwarded, as its signed-in user. */
const complete = (caller: typeof alice, landing: URL) =>
  api.gql(caller, COMPLETE_OAUTH, {
    state: landing.searchParams.get("state"),
    code: landing.searchParams.get("code"),
    iss: landing.searchParams.get("iss"),
  });
async function connect(caller: typeof alice) {
  const response = await callback(await authorizeInBrowser(await start(caller, `${RETURN}/done`), caller.sub, REDIRECT_URI));
  expect(response.status).toBe(302);
  const landing = new URL(response.headers.get("location")!);
  expect(`${landing.origin}${landing.pathname}`).toBe(`${RETURN}/done`);
  expect(landing.searchParams.get("iss")).toBe(as.issuer);
  const completed = await complete(caller, landing);
  expect(completed.body.errors).toBeUndefined();
  expect(completed.body.data!.completeOAuth).toMatchObject({ id: serverId });
}
const statusOf = async (caller: typeof alice) =>
  (await api.gql(caller, CONNECTOR_STATUSES)).body.data!.connectorStatuses.find(
    (entry: { server: { id: string } }) => entry.server.id === serverId,
  );
const echo = (caller: typeof alice, message: string) =>
  api.gql(caller, CALL_TOOL, { input: { qualifiedName: "mcp__linear__echo", arguments: { message } } });
const connectionOf = async (user: string) => {
  const caller = callerFromClaims(alice);
  return (await api.services.connections.listForServer(caller, await api.services.servers.get(caller, serverId))).find(
    (c) => c.userId === user,
  )!;
};
const aliceConnection = () => connectionOf("alice");

beforeAll(async () => {
  as = await startAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
  api = await startTestApi({ clock, oauth: { redirectUri: REDIRECT_URI, returnOrigins: [RETURN] } });
  serverId = (await api.gql(alice, CREATE, { input: { name: "Linear", url: mcp.url, authType: "OAUTH2", oauthScopes: ["mcp:tools"] } }))
    .body.data!.createMcpServer.id;
});
afterAll(async () => {
  await api.close();
  await mcp.close();
  await as.close();
});

describe("connecting an account", () => {
  it("discovers, registers once, authorizes with PKCE S256 and the resource, and stores the user's tokens", async () => {
    const url = new URL(await start(alice));
    expect(url.origin).toBe(as.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("resource")).toBe(mcp.resource);
    expect(url.searchParams.get("state")).toMatch(/^acme\.[\w-]{40,}$/);

    expect(await statusOf(alice)).toMatchObject({ status: "NOT_CONNECTED" });
    await connect(alice);
    const status = await statusOf(alice);
    expect(status.status).toBe("CONNECTED");
    expect(Date.parse(status.expiresAt)).toBeGreaterThan(clock.now().getTime());
    expect(as.tokenRequests.authorization_code).toBe(1);

    const registrations = (await api.table.rawItems()).filter((item) => JSON.stringify(item.sk).includes("OAUTHCLIENT#"));
    expect(registrations).toHaveLength(1);
    expect(new URL(await start(bob)).searchParams.get("client_id")).toBe(url.searchParams.get("client_id"));
  });

  it("lets the connected user list and call the server's tools, with their own token only", async () => {
    const tools = (await api.gql(alice, AGENT_TOOLS, {})).body.data!.agentTools.tools.map(
      (tool: { qualifiedName: string }) => tool.qualifiedName,
    );
    expect(tools).toContain("mcp__linear__echo");
    const call = (await echo(alice, "as alice")).body.data!.callTool;
    expect(call).toMatchObject({ status: "SUCCEEDED", connectionScope: "USER" });
    expect(mcp.acceptedSubjects.every((subject) => subject === "alice")).toBe(true);
    // What reached the server is alice's token from its authorization server, never her platform token.
    expect(JSON.stringify(mcp.state.requestHeaders)).not.toContain(await api.tokenFor(alice));

    // Bob has not connected: no tools, no calls, and never alice's tokens.
    expect(await statusOf(bob)).toMatchObject({ status: "NOT_CONNECTED" });
    expect((await api.gql(bob, AGENT_TOOLS, {})).body.data!.agentTools.tools).toEqual([]);
    expect(errorOf(await echo(bob, "as bob"))?.extensions?.code).toBe("FORBIDDEN");
    expect(mcp.acceptedSubjects).not.toContain("bob");
  });

  it("never stores tokens in the clear", async () => {
    const stored = JSON.stringify(await api.table.rawItems());
    expect(stored).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
  });
});

describe("state", () => {
  it("is single use: a replayed completion is refused", async () => {
    const landing = new URL(await authorizeInBrowser(await start(bob), "bob", REDIRECT_URI));
    expect((await callback(landing.href)).status).toBe(200);
    expect((await complete(bob, landing)).body.errors).toBeUndefined();
    const replay = await complete(bob, landing);
    expect(errorOf(replay)).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "state" },
      message: expect.stringMatching(/already used/),
    });
    expect((await callback(landing.href)).status).toBe(400);
  });

  it("expires after 10 minutes", async () => {
    const landing = new URL(await authorizeInBrowser(await start(bob), "bob", REDIRECT_URI));
    clock.advance(10 * 60_000 + 1000);
    const late = await callback(landing.href);
    expect(late.status).toBe(400);
    expect(await late.text()).toMatch(/expired/);
    expect(errorOf(await complete(bob, landing))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "state" });
  });

  it("refuses forged, foreign and malformed states, and a refused authorization", async () => {
    for (const state of ["acme.forged-state-value-123", "globex.abc", "no-dot", "", "a#b.c"]) {
      const response = await callback(`${REDIRECT_URI}?code=x&state=${encodeURIComponent(state)}`);
      expect(response.status).toBe(400);
      expect(errorOf(await api.gql(bob, COMPLETE_OAUTH, { state, code: "x" }))?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "state",
      });
    }
    const url = new URL(await start(bob));
    const denied = await callback(`${REDIRECT_URI}?error=access_denied&state=${url.searchParams.get("state")}`);
    expect(await denied.text()).toMatch(/not granted/);
  });

  it("can only be completed by the user who started it (no login CSRF)", async () => {
    const landing = new URL(await authorizeInBrowser(await start(bob), "bob", REDIRECT_URI));
    const planted = await complete(alice, landing);
    expect(errorOf(planted)?.extensions?.code).toBe("FORBIDDEN");
    expect(mcp.acceptedSubjects).not.toContain("bob");
    // The refusal used nothing up: bob still completes his own sign-in.
    expect((await complete(bob, landing)).body.errors).toBeUndefined();
  });

  it("refuses an authorization response from another issuer (RFC 9207)", async () => {
    const landing = new URL(await authorizeInBrowser(await start(bob), "bob", REDIRECT_URI));
    landing.searchParams.set("iss", "https://evil.example.com");
    expect(errorOf(await complete(bob, landing))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "iss" });
    const other = new URL(await authorizeInBrowser(await start(bob), "bob", REDIRECT_URI));
    other.searchParams.delete("iss");
    expect(errorOf(await complete(bob, other))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "iss" });
  });

  it("accepts returnTo only on an allowed origin", async () => {
    const result = await api.gql(alice, START_OAUTH, { id: serverId, returnTo: "https://evil.example/steal" });
    expect(errorOf(result)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "returnTo" });
  });
});

describe("keeping tokens fresh", () => {
  it("refreshes when the access token expires within 60 seconds, rotating the refresh token", async () => {
    const before = await aliceConnection();
    const requests = as.tokenRequests.refresh_token ?? 0;
    clock.advance(Date.parse(before.expiresAt!) - clock.now().getTime() - 30_000);
    expect((await echo(alice, "after expiry")).body.data!.callTool.status).toBe("SUCCEEDED");
    expect(as.tokenRequests.refresh_token).toBe(requests + 1);
    const after = await aliceConnection();
    expect(after.version).toBe(before.version + 1);
    expect(after.refreshToken!.ciphertext).not.toBe(before.refreshToken!.ciphertext);
  });

  it("refreshes once and retries when the server answers 401", async () => {
    const requests = as.tokenRequests.refresh_token ?? 0;
    mcp.rejectTokensSeenSoFar();
    expect((await echo(alice, "after 401")).body.data!.callTool.status).toBe("SUCCEEDED");
    expect(as.tokenRequests.refresh_token).toBe(requests + 1);
  });

  it("makes one token request for ten concurrent refreshes", async () => {
    const seen = await aliceConnection();
    const server = await api.services.servers.get(callerFromClaims(alice), serverId);
    const requests = as.tokenRequests.refresh_token ?? 0;
    const results = await Promise.all(Array.from({ length: 10 }, () => api.oauthTokens.refresh(server, seen)));
    expect(as.tokenRequests.refresh_token).toBe(requests + 1);
    expect(new Set(results.map((connection) => connection.version))).toEqual(new Set([seen.version + 1]));
  });

  it("refreshes expiring connections in the oauth-refresh job", async () => {
    const before = await aliceConnection();
    const latest = Math.max(Date.parse(before.expiresAt!), Date.parse((await connectionOf("bob")).expiresAt!));
    clock.advance(latest - clock.now().getTime() - 2 * 60_000);
    const report = await api.oauthRefresher.refreshExpiring();
    // Alice's and Bob's (connected in the state tests) both expire within the job's horizon.
    expect(report).toEqual({ due: 2, refreshed: 2, failed: 0 });
    expect((await aliceConnection()).version).toBe(before.version + 1);
  });

  it("marks the connection RECONNECT_REQUIRED when the refresh token is refused (invalid_grant)", async () => {
    const connection = await aliceConnection();
    const refreshToken = await api.cipher.decrypt(connection.refreshToken!.ciphertext, {
      tenant: "acme",
      record: `connection/${connection.id}`,
      field: "refresh-token",
    });
    const clientId = new URL(await start(alice)).searchParams.get("client_id")!;
    await fetch(`${as.issuer}/token/revocation`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: refreshToken, client_id: clientId }),
    });
    const server = await api.services.servers.get(callerFromClaims(alice), serverId);
    await expect(api.oauthTokens.refresh(server, connection)).rejects.toMatchObject({ name: "OAuthGrantRejected" });
    expect(await statusOf(alice)).toMatchObject({ status: "RECONNECT_REQUIRED" });
    expect((await api.gql(alice, VALIDATE, { id: serverId })).body.data!.validateMcpServer).toMatchObject({ status: "RECONNECT_REQUIRED" });
    expect((await echo(alice, "stale")).body.data!.callTool).toMatchObject({ status: "FAILED" });
    // Reconnecting makes it usable again.
    await connect(alice);
    expect(await statusOf(alice)).toMatchObject({ status: "CONNECTED" });
  });
});

describe("disconnecting", () => {
  it("removes the user's tokens and revokes them", async () => {
    const connection = await aliceConnection();
    const refreshToken = await api.cipher.decrypt(connection.refreshToken!.ciphertext, {
      tenant: "acme",
      record: `connection/${connection.id}`,
      field: "refresh-token",
    });
    expect((await api.gql(alice, DISCONNECT_OAUTH, { id: serverId })).body.data!.disconnectOAuth).toBe(true);
    expect(await statusOf(alice)).toMatchObject({ status: "NOT_CONNECTED" });
    const introspected = await fetch(`${as.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: new URL(await start(alice)).searchParams.get("client_id")!,
      }),
    });
    expect((await introspected.json()).error).toBe("invalid_grant");
  });
});
