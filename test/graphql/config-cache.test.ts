import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../support/clock.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { SET_TOOL, VALIDATE } from "./tool-fields.js";

const WINDOW_MS = 1000;
let upstream: SdkServer;
let agents: TestApi; // the process agents call through (say, the MCP endpoint's Lambda)
let admins: TestApi; // another process of the same deployment, where the admin works
let strict: TestApi; // a third, reading on every call (CONFIG_CACHE_STALENESS=0)
const clock = manualClock();
let serverId: string;

beforeAll(async () => {
  upstream = await startSdkServer();
  agents = await startTestApi({ clock, configCacheMs: WINDOW_MS });
  const sharing = { table: agents.table, issuer: agents.issuer };
  admins = await startTestApi({ sharing, cipher: agents.cipher, clock, configCacheMs: WINDOW_MS });
  strict = await startTestApi({ sharing, cipher: agents.cipher, clock, configCacheMs: 0 });
  serverId = (await admins.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } })).body.data!.createMcpServer.id;
}, 60_000);
afterAll(async () => {
  await strict.close();
  await admins.close();
  await agents.close();
  await upstream.close();
});

const echo = (api: TestApi) => api.gql(carol, CALL_TOOL, { input: { qualifiedName: "mcp__notes__echo", arguments: { message: "hi" } } });
const setEnabled = (api: TestApi, enabled: boolean) => api.gql(alice, SET_TOOL, { id: serverId, tool: "echo", input: { enabled } });

describe("configuration read from the warm cache stays revocable", () => {
  it("stops calls within the staleness window after an admin in another process disables the tool", async () => {
    expect((await echo(agents)).body.data!.callTool.status).toBe("SUCCEEDED");
    expect((await echo(strict)).body.data!.callTool.status).toBe("SUCCEEDED");
    expect((await setEnabled(admins, false)).body.errors).toBeUndefined();

    // Inside the window the agents' process may still trust its copy; a process that reads every time refuses at once.
    expect((await echo(strict)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Once the window has passed, no call starts: one small read finds the tenant changed.
    clock.advance(WINDOW_MS);
    expect((await echo(agents)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("sees a change made in its own process at once", async () => {
    expect((await setEnabled(agents, true)).body.errors).toBeUndefined();
    expect((await echo(agents)).body.data!.callTool.status).toBe("SUCCEEDED");
    expect((await setEnabled(agents, false)).body.errors).toBeUndefined();
    expect((await echo(agents)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("reads nothing but the tenant's version for a warm call inside the window", async () => {
    await setEnabled(agents, true);
    // Warm: the first calls after a change read (and a first listing may refresh the tool records).
    await echo(agents);
    await echo(agents);
    const before = requests.length;
    await echo(agents);
    // The audit record and its final status are the only requests.
    expect(requests.slice(before)).toEqual(["PutItemCommand", "PutItemCommand"]);
    clock.advance(WINDOW_MS);
    const after = requests.length;
    await echo(agents);
    expect(requests.slice(after).filter((command) => command === "GetItemCommand" || command === "QueryCommand")).toEqual([
      "GetItemCommand",
    ]);
  });
});

describe("health checks and the configuration version", () => {
  const version = async () =>
    Number(((await admins.table.rawItems()).find((item) => (item.pk as { S: string }).S === "T#acme#CONFIG")?.version as { N: string }).N);
  const validate = async (id: string) => (await admins.gql(alice, VALIDATE, { id })).body.data!.validateMcpServer;

  it("announce a change of status, and not a check that found the server as it was", async () => {
    const downId = (await admins.gql(alice, CREATE, { input: { name: "Down", url: "http://127.0.0.1:9/mcp" } })).body.data!.createMcpServer
      .id;
    let before = await version();
    expect(await validate(downId)).toMatchObject({ status: "ERROR" });
    expect(await version()).toBeGreaterThan(before);

    for (const id of [serverId, downId]) {
      const first = await validate(id);
      clock.advance(5);
      before = await version();
      const again = await validate(id);
      expect(again).toMatchObject({ status: first.status, lastError: first.lastError });
      // Written (and seen at once in this process), but no other process's warm copy was expired for it.
      expect(again.lastValidatedAt).not.toBe(first.lastValidatedAt);
      expect(await version()).toBe(before);
    }
  });
});

/** Every command the agents' process sends to DynamoDB, by name. */
const requests: string[] = [];
beforeAll(() => {
  agents.table.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      // A call's counters (toolMetrics) are written beside it, after its answer is decided: not on its path.
      const key = (args.input as { Key?: { pk?: string } }).Key?.pk ?? "";
      if (!key.endsWith("#METRICS")) requests.push(context.commandName!);
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
});
