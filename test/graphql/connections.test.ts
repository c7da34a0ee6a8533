import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, bob, carol, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, DELETE, GET, UPDATE as UPDATE_SERVER } from "./server-fields.js";
import { CREATE_CONNECTION, DELETE_CONNECTION, SERVER_CONNECTIONS, UPDATE_CONNECTION } from "./connection-fields.js";

const SECRET = "conn-canary-9e41c7d2ab";
let api: TestApi;
let tokenServer: string;
let oauthServer: string;
let jwtServer: string;
let bobsPrivate: string;
let malloryServer: string;
let alicesPrivate: string;
const responses: string[] = [];

const run = async (...args: Parameters<TestApi["gql"]>) => {
  const result = await api.gql(...args);
  responses.push(result.text);
  return result;
};
const createServer = async (caller: typeof alice, input: Record<string, unknown>) =>
  (await run(caller, CREATE, { input: { url: "https://mcp.example.com/mcp", ...input } })).body.data!.createMcpServer.id as string;
const createConnection = async (caller: typeof alice, input: Record<string, unknown>) => {
  const result = await run(caller, CREATE_CONNECTION, { input });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createConnection;
};
const errorOf = (result: Awaited<ReturnType<TestApi["gql"]>>) => result.body.errors?.[0]?.extensions;

beforeAll(async () => {
  api = await startTestApi();
  tokenServer = await createServer(alice, {
    name: "Tokens",
    authType: "TOKEN",
    credential: `Bearer ${SECRET}-server`,
    authHeaderName: "X-Api-Key",
  });
  oauthServer = await createServer(alice, { name: "OAuth", authType: "OAUTH2" });
  jwtServer = await createServer(alice, { name: "Passthrough", authType: "JWT_PASSTHROUGH" });
  bobsPrivate = await createServer(bob, { name: "Bob Private", authType: "TOKEN", credential: `Bearer ${SECRET}-bob` });
  malloryServer = await createServer(mallory, { name: "Globex" });
  alicesPrivate = await createServer(alice, { name: "Alice Private", visibility: "PRIVATE" });
});
afterAll(() => api.close());

describe("createConnection", () => {
  it("creates a USER connection for the caller, masking the credential", async () => {
    const connection = await createConnection(bob, {
      serverId: tokenServer,
      scope: "USER",
      authorizationScheme: "Bearer",
      credential: `${SECRET}-bob-user`,
    });
    expect(connection).toMatchObject({
      serverId: tokenServer,
      scope: "USER",
      userId: "bob",
      agentId: null,
      authorizationScheme: "Bearer",
      headerName: "X-Api-Key",
      hasCredential: true,
      credentialPreview: "••••user",
      extraHeaders: [],
      isActive: true,
      status: "UNKNOWN",
      createdBy: "bob",
      version: 1,
    });
  });

  it("lets an admin create PLATFORM, AGENT and other users' USER connections", async () => {
    expect(
      await createConnection(alice, { serverId: tokenServer, scope: "PLATFORM", credential: `Bearer ${SECRET}-platform` }),
    ).toMatchObject({ scope: "PLATFORM", userId: null });
    expect(
      await createConnection(alice, {
        serverId: tokenServer,
        scope: "AGENT",
        agentId: "support-bot",
        credential: `Bearer ${SECRET}-agent`,
      }),
    ).toMatchObject({ agentId: "support-bot" });
    expect(
      await createConnection(alice, {
        serverId: tokenServer,
        scope: "USER",
        userId: "carol",
        credential: `Bearer ${SECRET}-carol`,
        isActive: false,
      }),
    ).toMatchObject({ userId: "carol", isActive: false, createdBy: "alice" });
  });

  it("lets a member connect their own private server", async () => {
    expect(await createConnection(bob, { serverId: bobsPrivate, scope: "USER", credential: `Bearer ${SECRET}-bob-private` })).toMatchObject(
      { userId: "bob" },
    );
  });

  it("accepts a JWT passthrough connection that only shapes the header", async () => {
    expect(
      await createConnection(alice, { serverId: jwtServer, scope: "PLATFORM", authorizationScheme: "JWT", headerName: "X-User-Token" }),
    ).toMatchObject({ hasCredential: false, headerName: "X-User-Token" });
  });
});

describe("bad input gets its code and stores nothing", () => {
  const cases: Array<[string, typeof alice, () => Record<string, unknown>, string, string?]> = [
    [
      "AGENT scope without agentId",
      alice,
      () => ({ serverId: tokenServer, scope: "AGENT", credential: SECRET }),
      "BAD_USER_INPUT",
      "agentId",
    ],
    [
      "agentId on a USER connection",
      alice,
      () => ({ serverId: tokenServer, scope: "USER", agentId: "x", credential: SECRET }),
      "BAD_USER_INPUT",
      "agentId",
    ],
    [
      "userId on a PLATFORM connection",
      alice,
      () => ({ serverId: tokenServer, scope: "PLATFORM", userId: "bob", credential: SECRET }),
      "BAD_USER_INPUT",
      "userId",
    ],
    [
      "USER connection for someone else by a member",
      bob,
      () => ({ serverId: tokenServer, scope: "USER", userId: "carol", credential: SECRET }),
      "FORBIDDEN",
    ],
    ["PLATFORM connection by a member", bob, () => ({ serverId: tokenServer, scope: "PLATFORM", credential: SECRET }), "FORBIDDEN"],
    [
      "AGENT connection by a member",
      bob,
      () => ({ serverId: tokenServer, scope: "AGENT", agentId: "bot", credential: SECRET }),
      "FORBIDDEN",
    ],
    [
      "token connection on an OAUTH2 server",
      bob,
      () => ({ serverId: oauthServer, scope: "USER", credential: SECRET }),
      "BAD_USER_INPUT",
      "credential",
    ],
    [
      "credential on a JWT passthrough server",
      alice,
      () => ({ serverId: jwtServer, scope: "USER", credential: SECRET }),
      "BAD_USER_INPUT",
      "credential",
    ],
    ["no credential on a TOKEN server", carol, () => ({ serverId: tokenServer, scope: "USER" }), "BAD_USER_INPUT", "credential"],
    [
      "a scheme without a credential",
      alice,
      () => ({ serverId: tokenServer, scope: "USER", userId: "dave", authorizationScheme: "Bearer" }),
      "BAD_USER_INPUT",
      "credential",
    ],
    [
      "a two-word scheme",
      carol,
      () => ({ serverId: tokenServer, scope: "USER", authorizationScheme: "Bearer x", credential: SECRET }),
      "BAD_USER_INPUT",
      "authorizationScheme",
    ],
    ["a server of another tenant", mallory, () => ({ serverId: tokenServer, scope: "PLATFORM", credential: SECRET }), "NOT_FOUND"],
    [
      "another tenant's server id from this tenant",
      alice,
      () => ({ serverId: malloryServer, scope: "PLATFORM", credential: SECRET }),
      "NOT_FOUND",
    ],
    ["a private server of another user", carol, () => ({ serverId: bobsPrivate, scope: "USER", credential: SECRET }), "NOT_FOUND"],
    [
      "an admin's connection on someone else's private server",
      alice,
      () => ({ serverId: bobsPrivate, scope: "USER", userId: "bob", credential: SECRET }),
      "NOT_FOUND",
    ],
    [
      "a PLATFORM connection on a private server",
      alice,
      () => ({ serverId: alicesPrivate, scope: "PLATFORM", credential: SECRET }),
      "BAD_USER_INPUT",
      "scope",
    ],
    [
      "header name with CR/LF",
      carol,
      () => ({ serverId: tokenServer, scope: "USER", credential: SECRET, headerName: "X-A\r\nX-B" }),
      "BAD_USER_INPUT",
      "headerName",
    ],
    [
      "credential with CR/LF",
      carol,
      () => ({ serverId: tokenServer, scope: "USER", credential: `${SECRET}\r\nX-Injected: 1` }),
      "BAD_USER_INPUT",
      "credential",
    ],
    [
      "extra header value with LF",
      carol,
      () => ({ serverId: tokenServer, scope: "USER", credential: SECRET, extraHeaders: [{ name: "X-A", value: `${SECRET}\nX` }] }),
      "BAD_USER_INPUT",
      "extraHeaders.0.value",
    ],
    [
      "extra header duplicating the auth header",
      carol,
      () => ({ serverId: tokenServer, scope: "USER", credential: SECRET, extraHeaders: [{ name: "x-api-key", value: SECRET }] }),
      "BAD_USER_INPUT",
      "extraHeaders.0.name",
    ],
    ["a second connection in the same slot", bob, () => ({ serverId: tokenServer, scope: "USER", credential: SECRET }), "CONFLICT"],
    ["a second PLATFORM connection", alice, () => ({ serverId: tokenServer, scope: "PLATFORM", credential: SECRET }), "CONFLICT"],
  ];

  it.each(cases)("%s", async (_label, caller, input, code, field) => {
    const before = await api.table.rawItems();
    const result = await run(caller, CREATE_CONNECTION, { input: input() });
    expect(result.body.data).toBeNull();
    expect(errorOf(result)).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(result.text).not.toContain(SECRET);
    expect(await api.table.rawItems()).toEqual(before);
  });
});

describe("who sees and changes connections", () => {
  it("shows admins every connection and members only their own", async () => {
    const asAdmin = (await run(alice, SERVER_CONNECTIONS, { id: tokenServer })).body.data!.mcpServer.connections;
    expect(asAdmin.map((c: { scope: string; userId: string | null }) => `${c.scope}:${c.userId ?? ""}`).sort()).toEqual([
      "AGENT:",
      "PLATFORM:",
      "USER:bob",
      "USER:carol",
    ]);
    const asBob = (await run(bob, SERVER_CONNECTIONS, { id: tokenServer })).body.data!.mcpServer.connections;
    expect(asBob).toEqual([expect.objectContaining({ scope: "USER", userId: "bob" })]);
  });

  it("lets a user rotate and deactivate their own connection, but not someone else's", async () => {
    const [own] = (await run(bob, SERVER_CONNECTIONS, { id: tokenServer })).body.data!.mcpServer.connections;
    const rotated = (
      await run(bob, UPDATE_CONNECTION, { id: own.id, input: { credential: `${SECRET}-rotated-9999`, expectedVersion: own.version } })
    ).body.data!.updateConnection;
    expect(rotated).toMatchObject({ credentialPreview: "••••9999", version: own.version + 1, authorizationScheme: "Bearer" });
    expect(errorOf(await run(bob, UPDATE_CONNECTION, { id: own.id, input: { isActive: false, expectedVersion: own.version } }))?.code).toBe(
      "CONFLICT",
    );
    expect(errorOf(await run(carol, UPDATE_CONNECTION, { id: own.id, input: { isActive: false } }))?.code).toBe("NOT_FOUND");
    expect(errorOf(await run(carol, DELETE_CONNECTION, { id: own.id }))?.code).toBe("NOT_FOUND");
    expect(errorOf(await run(mallory, UPDATE_CONNECTION, { id: own.id, input: { isActive: false } }))?.code).toBe("NOT_FOUND");
  });

  it("keeps PLATFORM and AGENT connections to admins", async () => {
    const all = (await run(alice, SERVER_CONNECTIONS, { id: tokenServer })).body.data!.mcpServer.connections;
    const platform = all.find((c: { scope: string }) => c.scope === "PLATFORM");
    expect(errorOf(await run(bob, UPDATE_CONNECTION, { id: platform.id, input: { isActive: false } }))?.code).toBe("NOT_FOUND");
    expect((await run(alice, UPDATE_CONNECTION, { id: platform.id, input: { isActive: true } })).body.data!.updateConnection.version).toBe(
      2,
    );
  });

  it("answers malformed and foreign connection ids like missing ones", async () => {
    for (const id of ["nope", "U.x.", "P.abc.Ym9i", `U.${tokenServer}.!!!`, "X".repeat(3000)]) {
      expect(errorOf(await run(alice, UPDATE_CONNECTION, { id, input: { isActive: false } }))?.code).toBe("NOT_FOUND");
    }
  });
});

describe("connectionResolution", () => {
  it("explains which credential a call would use, and why", async () => {
    const resolve = async (caller: typeof alice, agent?: string) =>
      (await run(caller, SERVER_CONNECTIONS, { id: tokenServer, agent })).body.data!.mcpServer.connectionResolution;
    expect(await resolve(bob)).toMatchObject({ source: "USER", usable: true, explanation: "Using your user connection." });
    expect(await resolve(carol)).toMatchObject({
      source: "PLATFORM",
      explanation: "Using the platform connection (your user connection is inactive; no agent is calling).",
    });
    expect(await resolve({ ...carol, agent: "support-bot" } as typeof carol)).toMatchObject({ source: "AGENT" });
    expect(await resolve(alice, "support-bot")).toMatchObject({ source: "AGENT" });
    const borrowed = await run(carol, SERVER_CONNECTIONS, { id: tokenServer, agent: "support-bot" });
    expect(borrowed.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const oauth = (await run(alice, SERVER_CONNECTIONS, { id: oauthServer })).body.data!.mcpServer.connectionResolution;
    expect(oauth).toMatchObject({ source: "NONE", usable: false, connectionId: null });
  });
});

describe("deleting", () => {
  it("deletes a connection, and a server's connections with the server", async () => {
    const id = await createServer(alice, { name: "Short Lived", authType: "TOKEN", credential: `Bearer ${SECRET}-short` });
    const platform = await createConnection(alice, { serverId: id, scope: "PLATFORM", credential: `${SECRET}-p` });
    const user = await createConnection(bob, { serverId: id, scope: "USER", credential: `${SECRET}-u` });
    expect((await run(bob, DELETE_CONNECTION, { id: user.id })).body.data!.deleteConnection).toBe(true);
    expect((await run(alice, DELETE, { id })).body.data!.deleteMcpServer).toBe(true);
    const items = await api.table.rawItems();
    expect(items.filter((item) => item.serverId === id)).toEqual([]);
    expect(errorOf(await run(alice, UPDATE_CONNECTION, { id: platform.id, input: { isActive: false } }))?.code).toBe("NOT_FOUND");
    expect(errorOf(await run(alice, GET, { id }))?.code).toBe("NOT_FOUND");
  });
});

describe("moving a server to another origin", () => {
  it("keeps its secrets only if given again, and drops every connection", async () => {
    const id = await createServer(alice, {
      name: "Movable",
      authType: "TOKEN",
      credential: `Bearer ${SECRET}-movable`,
      headers: [{ name: "X-Key", value: `${SECRET}-header` }],
    });
    await createConnection(bob, { serverId: id, scope: "USER", credential: `${SECRET}-bob-movable` });
    const samePlace = await run(alice, UPDATE_SERVER, { id, input: { url: "https://mcp.example.com/v2/mcp" } });
    expect(samePlace.body.data!.updateMcpServer).toMatchObject({ hasCredential: true, headers: [{ name: "X-Key" }] });

    const elsewhere = "https://collector.example.net/mcp";
    expect(errorOf(await run(alice, UPDATE_SERVER, { id, input: { url: elsewhere } }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "credential",
    });
    expect(errorOf(await run(alice, UPDATE_SERVER, { id, input: { url: elsewhere, credential: "Bearer new-host-token" } }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "headers",
    });
    expect(
      errorOf(
        await run(alice, UPDATE_SERVER, {
          id,
          input: { url: elsewhere, credential: "Bearer new-host-token", headers: [{ name: "X-Key" }] },
        }),
      ),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "headers" });
    const moved = await run(alice, UPDATE_SERVER, {
      id,
      input: { url: elsewhere, credential: "Bearer new-host-token", headers: [{ name: "X-Key", value: "new-host-header" }] },
    });
    expect(moved.body.errors).toBeUndefined();
    expect((await run(alice, SERVER_CONNECTIONS, { id })).body.data!.mcpServer.connections).toEqual([]);
  });
});

describe("secrets", () => {
  it("never appear in a stored item, a response, an error or a log line", async () => {
    const stored = JSON.stringify(await api.table.rawItems());
    expect(stored).toContain("local1.");
    expect(responses.length).toBeGreaterThan(40);
    for (const text of [stored, ...responses, ...api.logs]) expect(text).not.toContain(SECRET);
  });
});
