import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL, REJECT } from "./tool-call-fields.js";
import { SET_TOOL } from "./tool-fields.js";

const METRICS = `query($serverId: ID, $since: DateTime) {
  toolMetrics(serverId: $serverId, since: $since) { serverId toolName qualifiedName calls failures rejections p50Ms p95Ms }
}`;
let api: TestApi;
let upstream: SdkServer;
let serverId: string;
const reads: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  upstream = await startSdkServer();
  serverId = (await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } })).body.data!.createMcpServer.id;
  const call = (qualifiedName: string, args: Record<string, unknown>) =>
    api.gql(bob, CALL_TOOL, { input: { qualifiedName, arguments: args } });
  for (let n = 0; n < 3; n++) await call("mcp__notes__echo", { message: `hi ${n}` });
  // fail is a write tool: auto-approved here so it runs (and fails).
  await api.gql(alice, SET_TOOL, { id: serverId, tool: "fail", input: { approvalMode: "AUTO" } });
  await call("mcp__notes__fail", {});
  const pending = (await call("mcp__notes__write_note", { text: "no" })).body.data!.callTool.id as string;
  await api.gql(bob, REJECT, { id: pending, reason: "not now" });
  await api.services.toolMetrics.settled();
  api.table.dynamo.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Key?: { pk?: string }; ExpressionAttributeValues?: Record<string, string> };
      reads.push(input.Key?.pk ?? input.ExpressionAttributeValues?.[":pk"] ?? "");
      return next(args);
    },
    { step: "initialize", name: "watchReads" },
  );
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});

const metrics = async (caller: typeof alice, variables: Record<string, unknown> = {}) => {
  const result = await api.gql(caller, METRICS, variables);
  return { rows: result.body.data?.toolMetrics as Array<Record<string, unknown>>, code: result.body.errors?.[0]?.extensions?.code };
};

describe("toolMetrics: from counters kept as calls finish", () => {
  it("counts calls, failures and rejections per tool, with p50 and p95 durations, reading counters and never the calls", async () => {
    reads.length = 0;
    const { rows } = await metrics(alice);
    const byTool = Object.fromEntries(rows.map((row) => [row.toolName, row]));
    expect(byTool.echo).toMatchObject({ serverId, qualifiedName: "mcp__notes__echo", calls: 3, failures: 0, rejections: 0 });
    expect(byTool.fail).toMatchObject({ calls: 1, failures: 1, rejections: 0 });
    expect(byTool.write_note).toMatchObject({ calls: 0, failures: 0, rejections: 1, p50Ms: null, p95Ms: null });
    expect(byTool.echo!.p50Ms).toEqual(expect.any(Number));
    expect(byTool.echo!.p95Ms as number).toBeGreaterThanOrEqual(byTool.echo!.p50Ms as number);
    expect(reads.some((pk) => pk.includes("#CALL#"))).toBe(false);
    expect(reads).toContain("T#acme#METRICS");
  });

  it("narrows to a server and a period; shows nothing across tenants, and only to admins", async () => {
    expect((await metrics(alice, { serverId })).rows).toHaveLength(3);
    expect((await metrics(alice, { serverId: "another" })).rows).toEqual([]);
    expect((await metrics(alice, { since: new Date(Date.now() + 2 * 86_400_000).toISOString() })).rows).toEqual([]);
    expect((await metrics(mallory)).rows).toEqual([]);
    expect((await metrics(bob)).code).toBe("FORBIDDEN");
  });
});
