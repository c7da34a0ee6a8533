import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoServerStore } from "../../adapters/dynamo/server-store.js";
import { startLoggedServers } from "../support/mcp/logged-server.js";
import { startModernServer } from "../support/mcp/modern-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { VALIDATE } from "./tool-fields.js";

let legacy: Awaited<ReturnType<typeof startLoggedServers>>;
let modern: Awaited<ReturnType<typeof startModernServer>>;
let first: TestApi;
const cold: TestApi[] = [];
const ids: Record<string, string> = {};

/** Another process of the same deployment, started now: it has learnt nothing yet. */
const coldProcess = async () => {
  const api = await startTestApi({ sharing: { table: first.table, issuer: first.issuer }, cipher: first.cipher });
  cold.push(api);
  return api;
};
const stored = async (id: string) => new DynamoServerStore(documentClient(first.table.dynamo), first.table.tableName).get("acme", id);

beforeAll(async () => {
  legacy = await startLoggedServers();
  modern = await startModernServer();
  first = await startTestApi();
  for (const [name, url] of [
    ["legacy", legacy.url("legacy")],
    ["modern", modern.url],
  ] as const) {
    ids[name] = (await first.gql(alice, CREATE, { input: { name, url, toolsCacheEnabled: true } })).body.data!.createMcpServer.id;
    expect((await first.gql(alice, VALIDATE, { id: ids[name] })).body.data!.validateMcpServer.status).toBe("CONNECTED");
  }
});
afterAll(async () => {
  for (const api of [...cold, first]) await api.close();
  await legacy.close();
  await modern.close();
});

describe("what a server speaks is recorded, so a cold process does not probe it again", () => {
  it("records each server's era, its discovery answer, and a GET stream that answered 405", async () => {
    expect((await stored(ids.legacy!))?.protocol).toMatchObject({ url: legacy.url("legacy"), era: "legacy", serverStream: false });
    const modernProtocol = (await stored(ids.modern!))?.protocol;
    expect(modernProtocol).toMatchObject({ url: modern.url, era: "modern" });
    expect(modernProtocol?.discover).toBeDefined();
    // The first process probed: a 2026-era request first, then a GET for the stream.
    expect(legacy.log).toContain("GET");
    expect(modern.counts.discover).toBe(1);
  });

  it("refreshes from a cold process with no probe and no GET: the 2025 handshake and the listing, or the listing alone", async () => {
    const job = await coldProcess();
    legacy.log.length = 0;
    const probes = modern.counts.discover;
    expect(await job.refresher.refreshAll()).toMatchObject({ refreshed: 2, failed: 0 });
    expect(legacy.log).toEqual(["POST initialize", "POST notifications/initialized", "POST tools/list"]);
    expect(modern.counts.discover).toBe(probes);
  });

  it("probes again a server whose record is wrong (redeployed in another era), and records what it speaks now", async () => {
    const modernProtocol = (await stored(ids.modern!))!.protocol!;
    // The legacy server's record now claims the modern era (as if it had been redeployed since).
    await new DynamoServerStore(documentClient(first.table.dynamo), first.table.tableName).recordState("acme", ids.legacy!, {
      protocol: { ...modernProtocol, url: legacy.url("legacy") },
    });
    const job = await coldProcess();
    const report = await job.refresher.refreshAll();
    expect(report).toMatchObject({ refreshed: 2, failed: 0 });
    expect((await stored(ids.legacy!))?.protocol).toMatchObject({ era: "legacy" });
  });

  it("does not trust a record made for another URL", async () => {
    await first.gql(alice, CREATE, { input: { name: "moved", url: legacy.url("moved"), toolsCacheEnabled: true } });
    const id = (await first.gql(alice, CREATE, { input: { name: "moved later", url: legacy.url("other"), toolsCacheEnabled: true } })).body
      .data!.createMcpServer.id as string;
    await new DynamoServerStore(documentClient(first.table.dynamo), first.table.tableName).recordState("acme", id, {
      protocol: { url: legacy.url("elsewhere"), era: "legacy", serverStream: false, learntAt: new Date().toISOString() },
    });
    const job = await coldProcess();
    legacy.log.length = 0;
    await job.refresher.refreshAll();
    // Two servers it knew nothing true of: each probed, and its GET asked.
    expect(legacy.log.filter((entry) => entry === "GET")).toHaveLength(2);
  });
});
