import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, bob, carol, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, DELETE, GET, LIST, UPDATE } from "./server-fields.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const create = async (caller: typeof alice, input: Record<string, unknown>) => {
  const result = await api.gql(caller, CREATE, { input: { url: "https://mcp.example.com/mcp", ...input } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer;
};
const errorOf = (result: Awaited<ReturnType<TestApi["gql"]>>) => result.body.errors?.[0];
const listed = async (caller: typeof alice) => (await api.gql(caller, LIST)).body.data!.mcpServers.map((s: { name: string }) => s.name);

describe("createMcpServer", () => {
  it("applies the documented defaults for an admin", async () => {
    const server = await create(alice, { name: "GitHub Issues" });
    expect(server).toMatchObject({
      name: "GitHub Issues",
      slug: "github_issues",
      description: null,
      transport: "STREAMABLE_HTTP",
      authType: "NONE",
      visibility: "SHARED",
      ownerId: null,
      createdBy: "alice",
      isEnabled: true,
      isFeatured: false,
      agentAccess: null,
      headers: [],
      authHeaderName: "Authorization",
      hasCredential: false,
      credentialPreview: null,
      toolsCacheEnabled: false,
      toolsCachedAt: null,
      status: "UNKNOWN",
      lastError: null,
      version: 1,
    });
    expect(server.createdAt).toBe(server.updatedAt);
  });

  it("makes a member's server PRIVATE and theirs", async () => {
    const server = await create(bob, { name: "Bob's notes" });
    expect(server).toMatchObject({ visibility: "PRIVATE", ownerId: "bob", slug: "bob_s_notes" });
  });

  it("stores everything it was given, deduplicating agentAccess", async () => {
    const server = await create(alice, {
      name: "Jira",
      slug: "jira_cloud",
      description: "Tickets",
      transport: "SSE",
      authType: "TOKEN",
      credential: "Bearer jira-token-0001",
      authHeaderName: "X-Api-Key",
      isFeatured: true,
      isEnabled: false,
      agentAccess: ["support-bot", "triage", "support-bot"],
      toolsCacheEnabled: true,
      headers: [{ name: "X-Tenant", value: "tenant-header-value-42" }],
    });
    expect(server).toMatchObject({
      slug: "jira_cloud",
      description: "Tickets",
      transport: "SSE",
      authType: "TOKEN",
      authHeaderName: "X-Api-Key",
      isFeatured: true,
      isEnabled: false,
      agentAccess: ["support-bot", "triage"],
      toolsCacheEnabled: true,
      hasCredential: true,
      credentialPreview: "••••0001",
      headers: [{ name: "X-Tenant", preview: "••••e-42" }],
    });
    expect((await api.gql(alice, GET, { id: server.id })).body.data!.mcpServer).toEqual(server);
  });

  it("treats explicit nulls as unset on create", async () => {
    const server = await create(alice, { name: "Nulls", description: null, agentAccess: null, transport: null, headers: null });
    expect(server).toMatchObject({ description: null, agentAccess: null, transport: "STREAMABLE_HTTP", headers: [] });
  });

  it("accepts ws(s) URLs for WebSocket servers", async () => {
    expect(await create(alice, { name: "Socket", transport: "WEBSOCKET", url: "wss://mcp.example.com/ws" })).toMatchObject({
      url: "wss://mcp.example.com/ws",
    });
  });
});

describe("who sees and changes what", () => {
  let shared: { id: string };
  let bobsPrivate: { id: string };
  beforeAll(async () => {
    shared = await create(alice, { name: "Shared CRM" });
    bobsPrivate = await create(bob, { name: "Bob Private Drive" });
  });

  it("shows shared servers to everyone and a private one only to its owner", async () => {
    expect(await listed(bob)).toEqual(expect.arrayContaining(["Shared CRM", "Bob Private Drive"]));
    expect(await listed(carol)).toContain("Shared CRM");
    expect(await listed(carol)).not.toContain("Bob Private Drive");
    expect(await listed(alice)).not.toContain("Bob Private Drive");
    expect(errorOf(await api.gql(carol, GET, { id: bobsPrivate.id }))?.extensions?.code).toBe("NOT_FOUND");
    expect(errorOf(await api.gql(alice, UPDATE, { id: bobsPrivate.id, input: { name: "Mine now" } }))?.extensions?.code).toBe("NOT_FOUND");
    expect(errorOf(await api.gql(alice, DELETE, { id: bobsPrivate.id }))?.extensions?.code).toBe("NOT_FOUND");
  });

  it("lists servers sorted by name", async () => {
    const names = await listed(alice);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it("lets only admins create, change or delete shared servers", async () => {
    const before = await api.table.rawItems();
    expect(
      errorOf(await api.gql(bob, CREATE, { input: { name: "Sneaky", url: "https://e.com", visibility: "SHARED" } }))?.extensions?.code,
    ).toBe("FORBIDDEN");
    expect(
      errorOf(await api.gql(bob, CREATE, { input: { name: "Sneaky", url: "https://e.com", isFeatured: true } }))?.extensions?.code,
    ).toBe("BAD_USER_INPUT");
    expect(errorOf(await api.gql(bob, UPDATE, { id: shared.id, input: { name: "Renamed" } }))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(bob, DELETE, { id: shared.id }))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(bob, UPDATE, { id: bobsPrivate.id, input: { visibility: "SHARED" } }))?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect(await api.table.rawItems()).toEqual(before);
  });

  it("lets an owner change and delete their private server", async () => {
    const own = await create(carol, { name: "Carol Temp" });
    const updated = (await api.gql(carol, UPDATE, { id: own.id, input: { description: "mine" } })).body.data!.updateMcpServer;
    expect(updated).toMatchObject({ description: "mine", version: 2, visibility: "PRIVATE", ownerId: "carol" });
    expect((await api.gql(carol, DELETE, { id: own.id })).body.data!.deleteMcpServer).toBe(true);
    expect(errorOf(await api.gql(carol, GET, { id: own.id }))?.extensions?.code).toBe("NOT_FOUND");
  });

  it("makes a shared server private to the admin who unshares it, and un-features it", async () => {
    const featured = await create(alice, { name: "To Unshare", isFeatured: true });
    expect(errorOf(await api.gql(alice, UPDATE, { id: featured.id, input: { visibility: "PRIVATE" } }))?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "isFeatured",
    });
    const unshared = (await api.gql(alice, UPDATE, { id: featured.id, input: { visibility: "PRIVATE", isFeatured: false } })).body.data!
      .updateMcpServer;
    expect(unshared).toMatchObject({ visibility: "PRIVATE", ownerId: "alice" });
    expect(await listed(bob)).not.toContain("To Unshare");
  });
});

describe("tenant isolation", () => {
  it("answers another tenant's id exactly like a missing id, for read, update and delete", async () => {
    const server = await create(alice, { name: "Acme Only" });
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const [query, variables] of [
      [GET, (id: string) => ({ id })],
      [UPDATE, (id: string) => ({ id, input: { name: "Pwned" } })],
      [DELETE, (id: string) => ({ id })],
    ] as const) {
      const foreign = await api.gql(mallory, query, variables(server.id));
      const absent = await api.gql(mallory, query, variables(missing));
      expect(foreign.body).toEqual(absent.body);
      expect(foreign.status).toBe(absent.status);
      expect(errorOf(foreign)?.extensions?.code).toBe("NOT_FOUND");
    }
    expect(await listed(mallory)).not.toContain("Acme Only");
    expect((await api.gql(alice, GET, { id: server.id })).body.data!.mcpServer.name).toBe("Acme Only");
  });

  it("lets two tenants use the same slug", async () => {
    await create(alice, { name: "Same Name" });
    expect(await create(mallory, { name: "Same Name" })).toMatchObject({ slug: "same_name" });
  });
});

describe("updateMcpServer", () => {
  it("keeps the slug on rename, so agents' tool names do not move, and changes it when asked", async () => {
    const server = await create(alice, { name: "Linear" });
    const renamed = (await api.gql(alice, UPDATE, { id: server.id, input: { name: "Linear (EU)" } })).body.data!.updateMcpServer;
    expect(renamed).toMatchObject({ name: "Linear (EU)", slug: "linear", version: 2 });
    const reslugged = (await api.gql(alice, UPDATE, { id: server.id, input: { slug: "linear_eu" } })).body.data!.updateMcpServer;
    expect(reslugged).toMatchObject({ slug: "linear_eu", version: 3 });
    expect(await create(alice, { name: "Linear" })).toMatchObject({ slug: "linear" });
  });

  it("refuses a slug another server holds, changing nothing", async () => {
    await create(alice, { name: "Holder", slug: "held" });
    const server = await create(alice, { name: "Wants It" });
    const result = await api.gql(alice, UPDATE, { id: server.id, input: { slug: "held", name: "Changed" } });
    expect(errorOf(result)?.extensions?.code).toBe("CONFLICT");
    expect((await api.gql(alice, GET, { id: server.id })).body.data!.mcpServer).toEqual(server);
  });

  it("refuses a stale expectedVersion and a concurrent write, losing neither stored change", async () => {
    const server = await create(alice, { name: "Versioned" });
    const stale = await api.gql(alice, UPDATE, { id: server.id, input: { expectedVersion: 2, name: "Never" } });
    expect(errorOf(stale)?.extensions?.code).toBe("CONFLICT");

    const racing = await Promise.all(
      ["Tab A", "Tab B", "Tab C"].map((name) =>
        api.gql(alice, UPDATE, { id: server.id, input: { expectedVersion: 1, description: name } }),
      ),
    );
    const winners = racing.filter((result) => !result.body.errors);
    expect(winners).toHaveLength(1);
    expect(racing.filter((result) => errorOf(result)?.extensions?.code === "CONFLICT")).toHaveLength(2);
    const stored = (await api.gql(alice, GET, { id: server.id })).body.data!.mcpServer;
    expect(stored).toMatchObject({ version: 2, description: winners[0]!.body.data!.updateMcpServer.description });
  });

  it("keeps a header's stored value when the update omits it, and requires a value for a new header", async () => {
    const server = await create(alice, { name: "Headers", headers: [{ name: "X-One", value: "first-secret-0001" }] });
    const kept = await api.gql(alice, UPDATE, {
      id: server.id,
      input: { headers: [{ name: "x-one" }, { name: "X-Two", value: "second-secret-0002" }] },
    });
    expect(kept.body.data!.updateMcpServer.headers).toEqual([
      { name: "x-one", preview: "••••0001" },
      { name: "X-Two", preview: "••••0002" },
    ]);
    const missing = await api.gql(alice, UPDATE, { id: server.id, input: { headers: [{ name: "X-Three" }] } });
    expect(errorOf(missing)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "headers.0.value" });
    const cleared = await api.gql(alice, UPDATE, { id: server.id, input: { headers: [] } });
    expect(cleared.body.data!.updateMcpServer.headers).toEqual([]);
  });

  it("keeps a TOKEN server's credential until replaced, and drops it when the server stops using tokens", async () => {
    const server = await create(alice, { name: "Tokens", authType: "TOKEN", credential: "Bearer first-token-1111" });
    const renamed = (await api.gql(alice, UPDATE, { id: server.id, input: { name: "Tokens 2" } })).body.data!.updateMcpServer;
    expect(renamed).toMatchObject({ hasCredential: true, credentialPreview: "••••1111" });
    const replaced = (await api.gql(alice, UPDATE, { id: server.id, input: { credential: "Bearer second-token-2222" } })).body.data!
      .updateMcpServer;
    expect(replaced.credentialPreview).toBe("••••2222");
    const none = (await api.gql(alice, UPDATE, { id: server.id, input: { authType: "NONE" } })).body.data!.updateMcpServer;
    expect(none).toMatchObject({ hasCredential: false, credentialPreview: null });
    const back = await api.gql(alice, UPDATE, { id: server.id, input: { authType: "TOKEN" } });
    expect(errorOf(back)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "credential" });
  });

  it("clears description and agentAccess with null but refuses null for required fields", async () => {
    const server = await create(alice, { name: "Clearable", description: "d", agentAccess: ["a"] });
    const cleared = (await api.gql(alice, UPDATE, { id: server.id, input: { description: null, agentAccess: null } })).body.data!
      .updateMcpServer;
    expect(cleared).toMatchObject({ description: null, agentAccess: null });
    for (const field of ["name", "url", "isEnabled", "transport"]) {
      const result = await api.gql(alice, UPDATE, { id: server.id, input: { [field]: null } });
      expect(errorOf(result)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });
});
