import { randomBytes } from "node:crypto";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../../adapters/dynamo/client.js";
import { keys } from "../../../adapters/dynamo/keys.js";
import { DynamoToolStore } from "../../../adapters/dynamo/tool-store.js";
import { DEFAULT_SETTINGS, type ToolRecord } from "../../../domain/tools/tool.js";
import { DYNAMO_TARGETS, type TestTable } from "../../support/dynamo.js";

let serial = 0;
const newServer = () => `srv-${++serial}`;

const tool = (serverId: string, name: string, overrides: Partial<ToolRecord> = {}): ToolRecord => ({
  tenantId: "acme",
  serverId,
  name,
  definition: { name, description: `Does ${name}.`, inputSchema: { type: "object", properties: { q: { type: "string" } } } },
  fingerprint: `fp-${name}`,
  present: true,
  lastSeenAt: "2026-12-01T00:00:00.000Z",
  changedAt: null,
  settings: DEFAULT_SETTINGS,
  reviewedFingerprint: null,
  ...overrides,
});

/** Tools whose descriptions do not compress: their snapshot needs several items. */
const bulky = (serverId: string, count: number) =>
  Array.from({ length: count }, (_, index) =>
    tool(serverId, `bulky_${index}`, {
      definition: { name: `bulky_${index}`, description: randomBytes(1500).toString("base64"), inputSchema: { type: "object" } },
    }),
  );

const byName = (records: readonly ToolRecord[]) => [...records].sort((a, b) => a.name.localeCompare(b.name));

describe.each(DYNAMO_TARGETS)("DynamoToolStore (per-server snapshots) on $name", ({ start }) => {
  let table: TestTable;
  let store: DynamoToolStore;
  const toolItems = async (serverId?: string) =>
    (await table.rawItems()).filter(
      (item) =>
        (item.pk as { S: string }).S === keys.toolsOfTenant("acme").pk &&
        (!serverId || (item.sk as { S: string }).S.includes(`${serverId}#`)),
    );
  const requests = () => {
    let count = 0;
    table.dynamo.middlewareStack.add(
      (next) => (args) => {
        count += 1;
        return next(args);
      },
      { step: "initialize", name: `count-${Math.random()}` },
    );
    return () => count;
  };

  beforeAll(async () => {
    table = await start();
    store = new DynamoToolStore(documentClient(table.dynamo), table.tableName);
  });
  afterAll(() => table.close());

  it("stores a server's tools as one item and reads them back exactly, by server, by name and by tenant", async () => {
    const serverId = newServer();
    const records = Array.from({ length: 200 }, (_, index) =>
      tool(serverId, `tool_${index}`, index === 3 ? { present: false, changedAt: "2026-12-01T01:00:00.000Z", embedding: [0.5, -1] } : {}),
    );
    await store.saveObservations("acme", serverId, records);

    expect(await toolItems(serverId)).toHaveLength(1);
    expect(byName(await store.listForServer("acme", serverId))).toEqual(byName(records));
    expect(await store.get("acme", serverId, "tool_3")).toEqual(records[3]);
    expect(await store.get("acme", serverId, "nope")).toBeUndefined();
    expect(byName((await store.listForTenant("acme")).filter((record) => record.serverId === serverId))).toEqual(byName(records));
  });

  it("keeps settings individually writable, and a later refresh never undoes them", async () => {
    const serverId = newServer();
    await store.saveObservations("acme", serverId, [tool(serverId, "read"), tool(serverId, "write")]);
    const asked = {
      ...tool(serverId, "write"),
      settings: { ...DEFAULT_SETTINGS, approvalMode: "ASK" as const },
      reviewedFingerprint: "fp-write",
    };
    await store.saveSettings(asked);
    await store.saveSettings({ ...tool(serverId, "constructor"), present: false, settings: { ...DEFAULT_SETTINGS, enabled: false } });
    // The refresh read before the admin wrote: its records carry the old (default) settings.
    await store.saveObservations("acme", serverId, [tool(serverId, "read"), tool(serverId, "write", { fingerprint: "fp-write-2" })]);

    const stored = byName(await store.listForServer("acme", serverId));
    expect(stored.map((record) => [record.name, record.settings, record.reviewedFingerprint, record.fingerprint])).toEqual([
      ["constructor", { ...DEFAULT_SETTINGS, enabled: false }, null, null],
      ["read", DEFAULT_SETTINGS, null, "fp-read"],
      ["write", { ...DEFAULT_SETTINGS, approvalMode: "ASK" }, "fp-write", "fp-write-2"],
    ]);
    // A tool set before it was ever seen is known, not present.
    expect(stored[0]).toMatchObject({ present: false, definition: null });
  });

  it("reads a tenant's catalog with one request and one item per server, whatever the number of tools", async () => {
    const fresh = new DynamoToolStore(documentClient(table.dynamo), table.tableName);
    const servers = [newServer(), newServer(), newServer()];
    for (const serverId of servers)
      await fresh.saveObservations(
        "acme",
        serverId,
        Array.from({ length: 300 }, (_, index) => tool(serverId, `t${index}`)),
      );
    const count = requests();
    const records = await fresh.listForTenant("acme");
    expect(count()).toBe(1);
    for (const serverId of servers) expect(records.filter((record) => record.serverId === serverId)).toHaveLength(300);
  });

  it("splits a snapshot that outgrows an item into parts, and a smaller rewrite leaves no part behind", async () => {
    const serverId = newServer();
    const large = bulky(serverId, 400);
    await store.saveObservations("acme", serverId, large);
    expect((await toolItems(serverId)).length).toBeGreaterThan(1);
    expect(byName(await store.listForServer("acme", serverId))).toEqual(byName(large));
    expect((await store.listForTenant("acme")).filter((record) => record.serverId === serverId)).toHaveLength(400);

    await store.saveObservations("acme", serverId, large.slice(0, 10));
    expect(await toolItems(serverId)).toHaveLength(1);
    expect(byName(await store.listForServer("acme", serverId))).toEqual(byName(large.slice(0, 10)));
  });

  it("reads again when a rewrite lands between a snapshot's head and its parts", async () => {
    const serverId = newServer();
    const first = bulky(serverId, 300);
    await store.saveObservations("acme", serverId, first);
    const [part] = (await toolItems(serverId)).filter((item) => (item.sk as { S: string }).S.includes("#PART#"));
    const db = documentClient(table.dynamo);
    // A reader now sees a head whose part is gone, as when a rewrite deleted it after the head was read.
    await db.send(
      new DeleteCommand({ TableName: table.tableName, Key: { pk: keys.toolsOfTenant("acme").pk, sk: (part!.sk as { S: string }).S } }),
    );
    const second = bulky(serverId, 300);
    let queries = 0;
    table.dynamo.middlewareStack.add(
      (next) => async (args) => {
        const output = await next(args);
        // The rewrite finishes right after the first read.
        if ((args.input as { TableName?: string; KeyConditionExpression?: string }).KeyConditionExpression && ++queries === 1)
          await store.saveObservations("acme", serverId, second);
        return output;
      },
      { step: "initialize", name: "rewrite-after-first-read" },
    );
    try {
      expect(byName(await store.listForServer("acme", serverId))).toEqual(byName(second));
    } finally {
      table.dynamo.middlewareStack.remove("rewrite-after-first-read");
    }
  });

  it("reads tool items written before snapshots, and folds them (settings included) into the first snapshot", async () => {
    const db = documentClient(table.dynamo);
    const [legacyA, legacyB] = [newServer(), newServer()];
    const put = (serverId: string, record: Record<string, unknown>) =>
      db.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { pk: keys.toolsOfTenant("acme").pk, sk: `${serverId}#${record.name as string}`, tenantId: "acme", serverId, ...record },
        }),
      );
    for (const serverId of [legacyA, legacyB]) {
      const { definition, fingerprint, lastSeenAt } = tool(serverId, "lookup");
      await put(serverId, { name: "lookup", definition, fingerprint, present: true, lastSeenAt, changedAt: null });
      await put(serverId, {
        name: "refund",
        settings: { enabled: false, approvalMode: "ASK", deferred: false },
        reviewedFingerprint: null,
      });
    }
    const legacyView = (records: ToolRecord[]) => byName(records).map((record) => [record.name, record.present, record.settings.enabled]);
    expect(legacyView(await store.listForServer("acme", legacyA))).toEqual([
      ["lookup", true, true],
      ["refund", false, false],
    ]);
    expect(legacyView((await store.listForTenant("acme")).filter((record) => record.serverId === legacyB))).toHaveLength(2);

    // A refresh (records read as above) and a settings write each make the first snapshot.
    await store.saveObservations("acme", legacyA, await store.listForServer("acme", legacyA));
    await store.saveSettings({ ...tool(legacyB, "lookup"), settings: { ...DEFAULT_SETTINGS, deferred: true } });
    for (const serverId of [legacyA, legacyB]) {
      const items = await toolItems(serverId);
      expect(items.map((item) => (item.sk as { S: string }).S)).toEqual([`SET#${serverId}#HEAD`]);
      const stored = byName(await store.listForServer("acme", serverId));
      expect(stored.map((record) => [record.name, record.present, record.settings.enabled])).toEqual([
        ["lookup", true, true],
        ["refund", false, false],
      ]);
    }
    expect((await store.get("acme", legacyB, "lookup"))?.settings.deferred).toBe(true);
  });

  it("deletes everything of a server, and nothing of another", async () => {
    const [gone, kept] = [newServer(), newServer()];
    await store.saveObservations("acme", gone, bulky(gone, 300));
    await store.saveObservations("acme", kept, [tool(kept, "stay")]);
    await store.deleteAllForServer("acme", gone);
    expect(await toolItems(gone)).toHaveLength(0);
    expect(await store.listForServer("acme", gone)).toEqual([]);
    expect(await store.listForServer("acme", kept)).toHaveLength(1);
  });
});
