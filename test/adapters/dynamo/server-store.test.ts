import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../../adapters/dynamo/client.js";
import { keys } from "../../../adapters/dynamo/keys.js";
import { DynamoServerStore } from "../../../adapters/dynamo/server-store.js";
import type { McpServer } from "../../../domain/servers/server.js";
import { DYNAMO_TARGETS, type TestTable } from "../../support/dynamo.js";

let serial = 0;
const server = (overrides: Partial<McpServer> = {}): McpServer => {
  serial += 1;
  return {
    tenantId: "acme",
    id: `srv-${serial}`,
    name: `Server ${serial}`,
    slug: `server_${serial}`,
    description: null,
    url: "https://mcp.example.com/mcp",
    transport: "STREAMABLE_HTTP",
    authType: "NONE",
    visibility: "SHARED",
    ownerId: null,
    createdBy: "alice",
    isEnabled: true,
    isFeatured: false,
    agentAccess: null,
    headers: [{ name: "X-Org", value: { ciphertext: "local1.k.iv.tag.data", preview: "••••" } }],
    authHeaderName: "Authorization",
    credential: null,
    oauthClientId: null,
    oauthClientSecret: null,
    oauthScopes: null,
    toolsCacheEnabled: false,
    toolsCachedAt: null,
    status: "UNKNOWN",
    lastError: null,
    lastValidatedAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 1,
    ...overrides,
  };
};
const conflict = expect.objectContaining({ code: "CONFLICT" });

describe.each(DYNAMO_TARGETS)("DynamoServerStore on $name", ({ start }) => {
  let table: TestTable;
  let store: DynamoServerStore;

  beforeAll(async () => {
    table = await start();
    store = new DynamoServerStore(documentClient(table.dynamo), table.tableName);
  });
  afterAll(() => table.close());

  it("stores and reads back a server exactly, without table keys", async () => {
    const created = server({ agentAccess: ["bot-a"], credential: { ciphertext: "c", preview: "••••" } });
    await store.create(created);
    expect(await store.get("acme", created.id)).toEqual(created);
  });

  it("lists only the tenant's own servers, across pages", async () => {
    const many = Array.from({ length: 30 }, () => server({ tenantId: "paged", description: "x".repeat(40_000) }));
    for (const each of many) await store.create(each);
    await store.create(server({ tenantId: "other" }));
    const listed = await store.list("paged");
    expect(listed.map((s) => s.id).sort()).toEqual(many.map((s) => s.id).sort());
    expect(await store.get("other", many[0]!.id)).toBeUndefined();
  });

  it("refuses a second server with a slug already held in the tenant, but not in another tenant", async () => {
    const first = server({ slug: "github" });
    await store.create(first);
    await expect(store.create(server({ slug: "github" }))).rejects.toEqual(conflict);
    await expect(store.create(server({ slug: "github", tenantId: "globex" }))).resolves.toBeUndefined();
    expect((await store.list("acme")).filter((s) => s.slug === "github")).toHaveLength(1);
  });

  it("takes over a slug claim left behind by a crash between the two writes, once it is old", async () => {
    const orphan = (slug: string, claimedAt: number) =>
      documentClient(table.dynamo).send(
        new PutCommand({ TableName: table.tableName, Item: { ...keys.slugClaim("acme", slug), serverId: "never-written", claimedAt } }),
      );
    await orphan("orphaned", Date.now() - 120_000);
    const adopted = server({ slug: "orphaned" });
    await store.create(adopted);
    expect(await store.get("acme", adopted.id)).toEqual(adopted);
    // A fresh claim may belong to a create still in flight: it is not taken.
    await orphan("in_flight", Date.now());
    await expect(store.create(server({ slug: "in_flight" }))).rejects.toEqual(conflict);
  });

  it("updates only from the version it read; a stale write is a CONFLICT and loses nothing", async () => {
    const original = server();
    await store.create(original);
    const first = { ...original, name: "First", version: 2 };
    await store.update(first, original);
    await expect(store.update({ ...original, name: "Second", version: 2 }, original)).rejects.toEqual(conflict);
    expect(await store.get("acme", original.id)).toEqual(first);
  });

  it("moves the slug claim on a slug change, freeing the old slug", async () => {
    const original = server({ slug: "old_slug" });
    await store.create(original);
    await store.update({ ...original, slug: "new_slug", version: 2 }, original);
    await expect(store.create(server({ slug: "new_slug" }))).rejects.toEqual(conflict);
    await expect(store.create(server({ slug: "old_slug" }))).resolves.toBeUndefined();
  });

  it("refuses a slug change onto a taken slug and keeps the server as it was", async () => {
    await store.create(server({ slug: "taken" }));
    const original = server({ slug: "mine" });
    await store.create(original);
    await expect(store.update({ ...original, slug: "taken", version: 2 }, original)).rejects.toEqual(conflict);
    expect(await store.get("acme", original.id)).toEqual(original);
  });

  it("deletes a server and frees its slug; deleting a stale version is a CONFLICT", async () => {
    const original = server({ slug: "short_lived" });
    await store.create(original);
    await expect(store.delete({ ...original, version: 7 })).rejects.toEqual(conflict);
    await store.delete(original);
    expect(await store.get("acme", original.id)).toBeUndefined();
    await expect(store.create(server({ slug: "short_lived" }))).resolves.toBeUndefined();
  });
});
