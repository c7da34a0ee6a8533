import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../../adapters/dynamo/client.js";
import { DynamoConnectionStore } from "../../../adapters/dynamo/connection-store.js";
import type { Connection, ConnectionScope } from "../../../domain/connections/connection.js";
import { DYNAMO_TARGETS, type TestTable } from "../../support/dynamo.js";
import { connectionFixture } from "../../support/fixtures.js";

const connection = (serverId: string, scope: ConnectionScope, subject: string, overrides: Partial<Connection> = {}): Connection =>
  connectionFixture(scope, { serverId, subject, ...overrides });
const conflict = expect.objectContaining({ code: "CONFLICT" });

describe.each(DYNAMO_TARGETS)("DynamoConnectionStore on $name", ({ start }) => {
  let table: TestTable;
  let store: DynamoConnectionStore;
  beforeAll(async () => {
    table = await start();
    store = new DynamoConnectionStore(documentClient(table.dynamo), table.tableName);
  });
  afterAll(() => table.close());

  it("stores one connection per slot and reads it back exactly", async () => {
    const stored = connection("s1", "USER", "alice#with#hashes");
    await store.create(stored);
    expect(await store.get("acme", { serverId: "s1", scope: "USER", subject: "alice#with#hashes" })).toEqual(stored);
    await expect(store.create(connection("s1", "USER", "alice#with#hashes", { isActive: false }))).rejects.toEqual(conflict);
    expect(await store.get("acme", { serverId: "s1", scope: "USER", subject: "alice" })).toBeUndefined();
  });

  it("lists a subject's connections across servers in one query, and a server's across subjects", async () => {
    for (const serverId of ["a", "b", "c"]) await store.create(connection(serverId, "USER", "bob"));
    await store.create(connection("a", "AGENT", "bot"));
    await store.create(connection("a", "PLATFORM", ""));
    await store.create({ ...connection("a", "USER", "bob"), tenantId: "globex" });
    expect((await store.listForSubject("acme", "USER", "bob")).map((c) => c.serverId).sort()).toEqual(["a", "b", "c"]);
    expect((await store.listForServer("acme", "a")).map((c) => `${c.scope}:${c.userId ?? c.agentId ?? ""}`).sort()).toEqual([
      "AGENT:bot",
      "PLATFORM:",
      "USER:bob",
    ]);
    expect(await store.listForSubject("globex", "USER", "bob")).toHaveLength(1);
  });

  it("updates and deletes only from the version read", async () => {
    const original = connection("v", "PLATFORM", "");
    await store.create(original);
    const next = { ...original, isActive: false, version: 2 };
    await store.update(next, original);
    await expect(store.update({ ...original, version: 2 }, original)).rejects.toEqual(conflict);
    await expect(store.delete(original)).rejects.toEqual(conflict);
    await store.delete(next);
    expect(await store.get("acme", { serverId: "v", scope: "PLATFORM", subject: "" })).toBeUndefined();
  });

  it("deletes every connection of a server and nothing else", async () => {
    await store.create(connection("gone", "USER", "u1"));
    await store.create(connection("gone", "AGENT", "a1"));
    await store.create(connection("kept", "USER", "u1"));
    await store.deleteAllForServer("acme", "gone");
    expect(await store.listForServer("acme", "gone")).toEqual([]);
    expect(await store.listForServer("acme", "kept")).toHaveLength(1);
  });
});
