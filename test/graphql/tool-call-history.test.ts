import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";

const TOOL_CALLS = `query($filter: ToolCallFilter, $first: Int, $after: String, $last: Int) {
  toolCalls(filter: $filter, first: $first, after: $after, last: $last) {
    edges { cursor node { id qualifiedName status requestedBy agentId } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type Page = {
  edges: Array<{ cursor: string; node: { id: string; qualifiedName: string; status: string; requestedBy: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

let api: TestApi;
let upstream: SdkServer;
const made: Record<string, string> = {};
const queries: Array<{ command: string; index?: string }> = [];

const call = async (caller: TokenClaims, qualifiedName: string, label: string) => {
  const result = await api.gql(caller, CALL_TOOL, { input: { qualifiedName, arguments: { message: label, text: label } } });
  made[label] = result.body.data!.callTool.id as string;
};
const page = async (caller: TokenClaims, variables: Record<string, unknown> = {}) => {
  const result = await api.gql(caller, TOOL_CALLS, variables);
  return { page: result.body.data?.toolCalls as Page, code: result.body.errors?.[0]?.extensions?.code as string | undefined };
};
const labels = (found: Page) => found.edges.map(({ node }) => Object.entries(made).find(([, id]) => id === node.id)?.[0]);

beforeAll(async () => {
  api = await startTestApi();
  upstream = await startSdkServer();
  await api.gql(alice, CREATE, { input: { name: "Shared", url: upstream.url } });
  await api.gql(bob, CREATE, { input: { name: "Bobs", url: upstream.url, visibility: "PRIVATE" } });
  // In order, oldest first.
  await call(bob, "mcp__shared__echo", "bob-1");
  await call({ ...bob, agent: "bot-a" }, "mcp__shared__echo", "bob-agent");
  await call(carol, "mcp__shared__echo", "carol-1");
  await call(bob, "mcp__bobs__echo", "bob-private");
  await call(bob, "mcp__shared__write_note", "bob-pending");
  api.table.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      queries.push({ command: context.commandName!, index: (args.input as { IndexName?: string }).IndexName });
      return next(args);
    },
    { step: "initialize", name: "watchQueries" },
  );
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});

describe("toolCalls: the audit trail, newest first, a page at a time", () => {
  it("gives a member their own calls, private servers included, newest first, read from an index", async () => {
    queries.length = 0;
    const { page: mine } = await page(bob);
    expect(labels(mine)).toEqual(["bob-pending", "bob-private", "bob-agent", "bob-1"]);
    expect(mine.edges[0]!.node).toMatchObject({ status: "PENDING_APPROVAL", requestedBy: "bob" });
    expect(queries.filter(({ command }) => command === "QueryCommand").every(({ index }) => index === "gsi2")).toBe(true);
    expect(queries.some(({ command }) => command === "ScanCommand")).toBe(false);
  });

  it("pages forward with cursors: no call twice, none missed", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const { page: next } = await page(bob, { first: 1, ...(after ? { after } : {}) });
      seen.push(...(labels(next) as string[]));
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(seen).toEqual(["bob-pending", "bob-private", "bob-agent", "bob-1"]);
  });

  it("gives admins the tenant's calls on shared servers, never a private server's, filtered as asked", async () => {
    queries.length = 0;
    const { page: all } = await page(alice);
    expect(labels(all)).toEqual(["bob-pending", "carol-1", "bob-agent", "bob-1"]);
    expect(queries.filter(({ command }) => command === "QueryCommand").every(({ index }) => index === "gsi3")).toBe(true);
    expect(labels((await page(alice, { filter: { userId: "carol" } })).page)).toEqual(["carol-1"]);
    expect(labels((await page(alice, { filter: { agentId: "bot-a" } })).page)).toEqual(["bob-agent"]);
    expect(labels((await page(alice, { filter: { status: "PENDING_APPROVAL" } })).page)).toEqual(["bob-pending"]);
    expect(labels((await page(alice, { filter: { status: "SUCCEEDED", userId: "bob" } })).page)).toEqual(["bob-agent", "bob-1"]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await page(alice, { filter: { since: future } })).page.edges).toEqual([]);
    expect(labels((await page(alice, { filter: { until: future } })).page)).toHaveLength(4);
  });

  it("shows nothing across tenants, and refuses what it cannot answer", async () => {
    expect((await page(mallory)).page.edges).toEqual([]);
    expect((await page(bob, { filter: { userId: "carol" } })).code).toBe("FORBIDDEN");
    for (const variables of [{ first: 0 }, { first: 101 }, { last: 1 }, { after: "not-a-cursor" }])
      expect((await page(bob, variables)).code).toBe("BAD_USER_INPUT");
    // A cursor from another tenant's timeline is refused, not followed.
    const { page: mine } = await page(bob, { first: 1 });
    expect((await page(mallory, { after: mine.pageInfo.endCursor })).code).toBe("BAD_USER_INPUT");
    expect((await page(null as unknown as TokenClaims)).code).toBe("UNAUTHENTICATED");
  });
});
