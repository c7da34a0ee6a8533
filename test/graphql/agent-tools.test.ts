import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CREATE_CONNECTION } from "./connection-fields.js";
import { AGENT_TOOLS, REFRESH, SEARCH_TOOLS, SET_TOOL } from "./tool-fields.js";

let api: TestApi;
let upstream: SdkServer;
let guarded: SdkServer;
const ids: Record<string, string> = {};

const create = async (input: Record<string, unknown>, caller = alice) => {
  const result = await api.gql(caller, CREATE, { input: { url: upstream.url, ...input } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer.id as string;
};
const names = async (caller: typeof alice, agent?: string) => {
  const result = await api.gql(caller, AGENT_TOOLS, { agent });
  expect(result.body.errors).toBeUndefined();
  const catalog = result.body.data!.agentTools;
  return {
    names: catalog.tools.map((tool: { qualifiedName: string }) => tool.qualifiedName).sort(),
    deferredCount: catalog.deferredCount,
    tools: catalog.tools,
  };
};
const slugsOf = (qualified: string[]) => [...new Set(qualified.map((name) => name.split("__")[1]))].sort();

beforeAll(async () => {
  api = await startTestApi();
  upstream = await startSdkServer();
  guarded = await startSdkServer({ requireAuthorization: "Bearer platform-key" });
  ids.open = await create({ name: "Open", toolsCacheEnabled: true });
  ids.support = await create({ name: "Support Only", agentAccess: ["support-bot"] });
  ids.disabled = await create({ name: "Disabled", isEnabled: false });
  ids.bobs = await create({ name: "Bobs Own" }, bob);
  ids.tokenless = await create({ name: "Needs Token", url: guarded.url, authType: "TOKEN", credential: "Bearer platform-key" });
  ids.userOnly = await create({ name: "User Keys", url: guarded.url, authType: "TOKEN", credential: "Bearer wrong-key" });
  await api.gql(carol, CREATE_CONNECTION, { input: { serverId: ids.userOnly, scope: "USER", credential: "Bearer platform-key" } });
  await api.gql(alice, REFRESH, { id: ids.open });
  await api.gql(alice, SET_TOOL, { id: ids.open, tool: "fail", input: { enabled: false } });
  await api.gql(alice, SET_TOOL, { id: ids.open, tool: "slow", input: { deferred: true } });
  await api.gql(alice, SET_TOOL, { id: ids.open, tool: "write_note", input: { deferred: true, enabled: false } });
});
afterAll(async () => {
  await api.close();
  await upstream.close();
  await guarded.close();
});

describe("agentTools", () => {
  it("lists enabled, non-deferred tools of enabled servers the caller may see and use", async () => {
    const { names: tools, deferredCount } = await names(carol);
    expect(slugsOf(tools)).toEqual(["needs_token", "open", "user_keys"]);
    // Live listing used each caller's own credential: carol's user connection, not the server's wrong key.
    expect(slugsOf((await names(alice)).names)).not.toContain("user_keys");
    expect(tools.filter((name: string) => name.startsWith("mcp__open__"))).toEqual(["mcp__open__echo"]);
    expect(deferredCount).toBe(1);
  });

  it("admits servers limited to an agent only for that agent's token (or an admin previewing it)", async () => {
    expect(slugsOf((await names({ ...carol, agent: "support-bot" } as typeof carol)).names)).toContain("support_only");
    expect(slugsOf((await names({ ...carol, agent: "sales-bot" } as typeof carol)).names)).not.toContain("support_only");
    expect(slugsOf((await names(alice, "support-bot")).names)).toContain("support_only");
  });

  it("refuses a member naming an agent their token does not act for", async () => {
    const result = await api.gql(carol, AGENT_TOOLS, { agent: "support-bot" });
    expect(result.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("includes a member's own private server for them only", async () => {
    expect(slugsOf((await names(bob)).names)).toContain("bobs_own");
    expect(slugsOf((await names(carol)).names)).not.toContain("bobs_own");
    expect(slugsOf((await names(alice)).names)).not.toContain("bobs_own");
  });

  it("drops a server the caller cannot use: an OAuth server they have not connected", async () => {
    await create({ name: "Needs OAuth", authType: "OAUTH2" });
    expect(slugsOf((await names(carol)).names)).not.toContain("needs_oauth");
    expect(slugsOf((await names(alice)).names)).not.toContain("needs_oauth");
  });

  it("refuses a token bound to one agent asking for another", async () => {
    const result = await api.gql({ ...carol, agent: "support-bot" }, AGENT_TOOLS, { agent: "sales-bot" });
    expect(result.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("skips a live server that is down instead of failing the catalog", async () => {
    const down = await startSdkServer();
    const id = await create({ name: "Flaky", url: down.url });
    await down.close();
    const { names: tools } = await names(carol);
    expect(slugsOf(tools)).not.toContain("flaky");
    expect(slugsOf(tools)).toContain("open");
    expect(api.logs.some((line) => line.includes("tools unavailable") && line.includes(id))).toBe(true);
  });
});

describe("searchTools", () => {
  it("finds deferred tools by words of their name or description, never disabled ones", async () => {
    const result = await api.gql(carol, SEARCH_TOOLS, { q: "answers milliseconds" });
    const found = result.body.data!.searchTools.map((tool: { qualifiedName: string }) => tool.qualifiedName);
    expect(found[0]).toMatch(/__slow$/);
    expect(found).toContain("mcp__open__slow");
    const disabled = await api.gql(carol, SEARCH_TOOLS, { q: "note", limit: 50 });
    expect(disabled.body.data!.searchTools.map((tool: { qualifiedName: string }) => tool.qualifiedName)).not.toContain(
      "mcp__open__write_note",
    );
  });

  it("never returns tools of servers the caller may not see or the agent may not use", async () => {
    const found = async (caller: typeof alice) =>
      slugsOf(
        (await api.gql(caller, SEARCH_TOOLS, { q: "echo", limit: 50 })).body.data!.searchTools.map(
          (tool: { qualifiedName: string }) => tool.qualifiedName,
        ),
      );
    expect(await found(carol)).not.toContain("bobs_own");
    expect(await found(bob)).toContain("bobs_own");
    expect(await found(carol)).not.toContain("support_only");
    const supportBot = { ...carol, agent: "support-bot" } as typeof carol;
    expect(await found(supportBot)).toContain("support_only");
    expect(await found(supportBot)).not.toContain("disabled");
  });

  it.each([
    [{ q: "   " }, "query"],
    [{ q: "x".repeat(501) }, "query"],
    [{ q: "echo", limit: 0 }, "limit"],
    [{ q: "echo", limit: 51 }, "limit"],
  ])("refuses a bad search (%j) with BAD_USER_INPUT on %s", async (variables, field) => {
    const result = await api.gql(carol, SEARCH_TOOLS, variables);
    expect(result.body.data).toBeNull();
    expect(result.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
