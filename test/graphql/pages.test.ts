import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";
import { CREATE_CONNECTION } from "./connection-fields.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";

let api: TestApi;
let upstream: SdkServer;
let serverId: string;

const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage endCursor }";
const LISTS: Record<string, { query: string; path: (data: any) => any; caller: TokenClaims }> = {
  mcpServersPage: {
    query: `query($first: Int, $after: String) { page: mcpServersPage(first: $first, after: $after) { edges { cursor node { name } } ${PAGE_INFO} } }`,
    path: (data) => data.page,
    caller: alice,
  },
  toolsPage: {
    query: `query($id: ID!, $first: Int, $after: String) { mcpServer(id: $id) { page: toolsPage(first: $first, after: $after) { edges { cursor node { name } } ${PAGE_INFO} } } }`,
    path: (data) => data.mcpServer.page,
    caller: alice,
  },
  connectionsPage: {
    query: `query($id: ID!, $first: Int, $after: String) { mcpServer(id: $id) { page: connectionsPage(first: $first, after: $after) { edges { cursor node { name: id } } ${PAGE_INFO} } } }`,
    path: (data) => data.mcpServer.page,
    caller: alice,
  },
  pendingApprovalsPage: {
    query: `query($first: Int, $after: String) { page: pendingApprovalsPage(first: $first, after: $after) { edges { cursor node { name: id } } ${PAGE_INFO} } }`,
    path: (data) => data.page,
    caller: bob,
  },
};
const PLAIN: Record<string, string> = {
  mcpServersPage: "{ list: mcpServers { name } }",
  toolsPage: "query($id: ID!) { mcpServer(id: $id) { list: tools { name } } }",
  connectionsPage: "query($id: ID!) { mcpServer(id: $id) { list: connections { name: id } } }",
  pendingApprovalsPage: "{ list: pendingApprovals { name: id } }",
};

beforeAll(async () => {
  api = await startTestApi();
  upstream = await startSdkServer();
  serverId = (await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } })).body.data!.createMcpServer.id;
  for (const name of ["Alpha", "beta", "Gamma"]) await api.gql(alice, CREATE, { input: { name, url: "https://mcp.example.com/mcp" } });
  for (const agentId of ["a-bot", "b-bot", "c-bot"])
    await api.gql(alice, CREATE_CONNECTION, {
      input: { serverId, scope: "AGENT", agentId, authorizationScheme: "Bearer", credential: `secret-${agentId}` },
    });
  for (let n = 0; n < 3; n++)
    await api.gql(bob, CALL_TOOL, { input: { qualifiedName: "mcp__notes__write_note", arguments: { text: `note ${n}` } } });
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});

describe.each(Object.keys(LISTS))("%s", (field) => {
  const { query, path, caller } = LISTS[field]!;
  const read = async (variables: Record<string, unknown>) => {
    const result = await api.gql(caller, query, { id: serverId, ...variables });
    return {
      // A refused nested page nulls its server (the nearest nullable field): then there is no page to read.
      page: result.body.errors ? undefined : path(result.body.data),
      code: result.body.errors?.[0]?.extensions?.code as string | undefined,
    };
  };

  it("pages through the whole list, in a stable order, no item twice, none missed; the plain field agrees", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const { page } = await read({ first: 2, ...(after ? { after } : {}) });
      expect(page.edges.length).toBeLessThanOrEqual(2);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...page.edges.map((edge: { node: { name: string } }) => edge.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const plain = (await api.gql(caller, PLAIN[field]!, { id: serverId })).body.data!;
    const listed = (plain.list ?? plain.mcpServer.list).map((each: { name: string }) => each.name);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort()).toEqual([...listed].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses what it cannot answer: a bad cursor, a size out of bounds, paging backwards", async () => {
    for (const variables of [{ after: "bm90LWEtY3Vyc29y" }, { first: 0 }, { first: 101 }])
      expect((await read(variables)).code).toBe("BAD_USER_INPUT");
    const backwards = await api.gql(caller, query.replace("first: $first", "last: $first"), { id: serverId, first: 1 });
    expect(backwards.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("connectorsPage and tenants", () => {
  it("gives another tenant none of these servers", async () => {
    const result = await api.gql(mallory, "{ mcpServersPage { edges { node { name } } } }");
    expect(result.body.data!.mcpServersPage.edges).toEqual([]);
  });

  it("lists connectors for admins only", async () => {
    expect(
      (await api.gql(alice, "{ connectorsPage(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }")).body.data!.connectorsPage,
    ).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false },
    });
    expect((await api.gql(bob, "{ connectorsPage { edges { node { id } } } }")).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("marks the plain list fields deprecated in favour of the pages", async () => {
    const result = await api.gql(
      alice,
      `{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`,
    );
    const fields = result.body.data!.__type.fields as Array<{ name: string; isDeprecated: boolean; deprecationReason: string | null }>;
    for (const name of ["mcpServers", "pendingApprovals", "connectors"])
      expect(fields.find((each) => each.name === name)).toMatchObject({
        isDeprecated: true,
        deprecationReason: expect.stringContaining("Page"),
      });
    expect(fields.find((each) => each.name === "toolCalls")?.isDeprecated).toBe(false);
  });
});
