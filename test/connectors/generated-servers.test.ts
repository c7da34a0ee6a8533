import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, ERAS } from "../support/mcp/clients.js";
import { startTicketApi } from "../support/rest/ticket-api.js";
import { startServedApi } from "../support/http-api.js";
import { startTrap } from "../support/trap-server.js";
import { alice, bob, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE_CONNECTION, UPDATE_CONNECTION } from "../graphql/connection-fields.js";
import { AGENT_TOOLS, VALIDATE } from "../graphql/tool-fields.js";
import { CALL_TOOL } from "../graphql/tool-call-fields.js";
import { DELETE as DELETE_SERVER, UPDATE as UPDATE_SERVER } from "../graphql/server-fields.js";
import { DELETE_CONNECTOR, REGISTER, UPDATE_CONNECTOR, ticketDescriptor } from "./connector-fields.js";

let api: TestApi;
let origin: string;
let closeApi: () => Promise<void>;
let rest: Awaited<ReturnType<typeof startTicketApi>>;
let serverId: string;
let platformConnection: { id: string; version: number };

const search = async (caller = carol, args: Record<string, unknown> = {}) =>
  (await api.gql(caller, CALL_TOOL, { input: { qualifiedName: "mcp__ticket_system__search_tickets", arguments: args } })).body.data!
    .callTool;
/** The generated servers inside the (loaded) outbound stack. */
const generated = async () => (await api.outbound.load()).connector.generated;
const builds = async () => (await generated()).builds;
const withRateLimit = (limit: number) => {
  const descriptor = parse(ticketDescriptor(rest.origin));
  descriptor.rate_limits = [{ scope: "per_account", limit, interval_seconds: 3600 }];
  return stringify(descriptor);
};

beforeAll(async () => {
  rest = await startTicketApi(["platform-key", "rotated-key", "bobs-own-key"]);
  ({ api, origin, close: closeApi } = await startServedApi());
  const registered = (await api.gql(alice, REGISTER, { d: ticketDescriptor(rest.origin) })).body.data!.registerConnector;
  serverId = registered.server.id;
  platformConnection = (
    await api.gql(alice, CREATE_CONNECTION, {
      input: { serverId, scope: "PLATFORM", fields: [{ name: "api_key", value: "platform-key" }] },
    })
  ).body.data!.createConnection;
}, 60_000);

afterAll(async () => {
  await closeApi();
  await rest.close();
});

describe("generated servers, cached per connector instance", () => {
  it("builds the server once for calls with the same credential, and again when the credential changes", async () => {
    await search();
    const after = await builds();
    await search();
    await search();
    expect(await builds()).toBe(after);
    const rotated = await api.gql(alice, UPDATE_CONNECTION, {
      id: platformConnection.id,
      input: { fields: [{ name: "api_key", value: "rotated-key" }] },
    });
    expect(rotated.body.errors).toBeUndefined();
    await search();
    expect(await builds()).toBe(after + 1);
    expect(rest.requests.at(-1)!.headers["x-api-key"]).toBe("rotated-key");
  });

  it("builds a fresh server for every call with a user's own credential, and keeps none of them", async () => {
    await api.gql(bob, CREATE_CONNECTION, { input: { serverId, scope: "USER", fields: [{ name: "api_key", value: "bobs-own-key" }] } });
    const kept = (await generated()).size;
    const before = await builds();
    await search(bob);
    await search(bob);
    expect(await builds()).toBe(before + 2);
    expect((await generated()).size).toBe(kept);
  });

  it("follows a descriptor whose operations change: a new revision, a new server, the new behaviour", async () => {
    const updated = await api.gql(alice, UPDATE_CONNECTOR, {
      id: "ticket-system",
      d: withRateLimit(1000).replace("default_value: 25", "default_value: 10"),
    });
    expect(updated.body.data!.updateConnector.revision).toBe(2);
    const before = await builds();
    await search();
    expect(await builds()).toBe(before + 1);
    expect(rest.requests.at(-1)!.query.limit).toBe("10");
  });

  it("counts calls against the descriptor's rate limit per connection, and does not call the API over it", async () => {
    // A connection of its own: a connector instance whose window starts empty.
    const dave = { tenant: "acme", sub: "dave", roles: [] };
    await api.gql(dave, CREATE_CONNECTION, { input: { serverId, scope: "USER", fields: [{ name: "api_key", value: "bobs-own-key" }] } });
    await api.gql(alice, UPDATE_CONNECTOR, { id: "ticket-system", d: withRateLimit(2) });
    expect((await search(dave)).status).toBe("SUCCEEDED");
    expect((await search(dave)).status).toBe("SUCCEEDED");
    const sent = rest.requests.length;
    const over = await search(dave);
    expect(over).toMatchObject({
      status: "FAILED",
      result: { isError: true, content: [{ text: expect.stringMatching(/^Rate limit reached \(2 calls per 3600 s.*retry in \d+ s/) }] },
    });
    expect(rest.requests.length).toBe(sent);
    await api.gql(alice, UPDATE_CONNECTOR, { id: "ticket-system", d: withRateLimit(1000) });
  });

  it("validates through the test endpoint with the connection's credential", async () => {
    const ok = (await api.gql(alice, VALIDATE, { id: serverId })).body.data!.validateMcpServer;
    expect(ok).toMatchObject({ status: "CONNECTED", lastError: null });
    expect(rest.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v1/me" });
    await api.gql(alice, UPDATE_CONNECTION, { id: platformConnection.id, input: { fields: [{ name: "api_key", value: "revoked" }] } });
    const refused = (await api.gql(alice, VALIDATE, { id: serverId })).body.data!.validateMcpServer;
    expect(refused).toMatchObject({ status: "ERROR", lastError: "The test endpoint answered HTTP 401 (expected 200)." });
    await api.gql(alice, UPDATE_CONNECTION, { id: platformConnection.id, input: { fields: [{ name: "api_key", value: "platform-key" }] } });
  });
});

describe("what the descriptor decides", () => {
  it("offers only mapped operations: an operation without a route mapping cannot be called by any name", async () => {
    const descriptor = parse(withRateLimit(1000));
    descriptor.mcp_config.route_mappings = descriptor.mcp_config.route_mappings.filter(
      (mapping: { operation_id: string }) => mapping.operation_id !== "create_ticket",
    );
    await api.gql(alice, UPDATE_CONNECTOR, { id: "ticket-system", d: stringify(descriptor) });
    const { tools } = (await api.gql(carol, AGENT_TOOLS)).body.data!.agentTools;
    expect(tools.map((tool: { qualifiedName: string }) => tool.qualifiedName)).not.toContain("mcp__ticket_system__create_ticket");
    const sent = rest.requests.length;
    const refused = await api.gql(carol, CALL_TOOL, {
      input: { qualifiedName: "mcp__ticket_system__create_ticket", arguments: { title: "x" } },
    });
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(rest.requests.length).toBe(sent);
    await api.gql(alice, UPDATE_CONNECTOR, { id: "ticket-system", d: withRateLimit(1000) });
  });

  it("leaves the generated server's shape to the connector: admins may switch it off, not rewrite or delete it", async () => {
    const moved = await api.gql(alice, UPDATE_SERVER, { id: serverId, input: { url: "https://elsewhere.example.com/" } });
    expect(moved.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
    const limited = await api.gql(alice, UPDATE_SERVER, { id: serverId, input: { agentAccess: ["support-bot"] } });
    expect(limited.body.errors, JSON.stringify(limited.body.errors)).toBeUndefined();
    expect((await api.gql(alice, UPDATE_SERVER, { id: serverId, input: { agentAccess: null } })).body.errors).toBeUndefined();
    expect((await api.gql(alice, DELETE_SERVER, { id: serverId })).body.errors![0]!.extensions).toMatchObject({ code: "CONFLICT" });
  });
});

describe.each(ERAS)("a connector's tools through the MCP endpoint (%s)", (era) => {
  it("appear at /mcp and /mcp/servers/<slug> like any server's, and run", async () => {
    const token = await api.tokenFor(carol);
    const all = await connectClient(era, `${origin}/mcp`, token);
    expect((await all.listTools()).map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["mcp__ticket_system__create_ticket", "mcp__ticket_system__get_ticket", "mcp__ticket_system__search_tickets"]),
    );
    expect(await all.callTool("mcp__ticket_system__get_ticket", { id: "T-1" })).toMatchObject({ structuredContent: { id: "T-1" } });
    await all.close();
    const one = await connectClient(era, `${origin}/mcp/servers/ticket_system`, token);
    expect((await one.listTools()).map((tool) => tool.name)).toEqual(["create_ticket", "get_ticket", "search_tickets"]);
    await one.close();
  });
});

describe("deleting a connector", () => {
  it("removes its server, its tools and its cached instances", async () => {
    await search();
    expect((await generated()).size).toBeGreaterThan(0);
    expect((await api.gql(alice, DELETE_CONNECTOR, { id: "ticket-system" })).body.data!.deleteConnector).toBe(true);
    expect((await generated()).size).toBe(0);
    const { tools } = (await api.gql(carol, AGENT_TOOLS)).body.data!.agentTools;
    expect(tools.filter((tool: { qualifiedName: string }) => tool.qualifiedName.startsWith("mcp__ticket_system__"))).toEqual([]);
    const gone = await api.gql(carol, CALL_TOOL, { input: { qualifiedName: "mcp__ticket_system__search_tickets", arguments: {} } });
    expect(gone.body.errors![0]!.extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("endpoints whose names resolve to refused addresses", () => {
  let guarded: TestApi;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  beforeAll(async () => {
    trap = await startTrap();
    // Loopback is refused here (as on AWS); the names resolve to the trap and to the metadata address.
    guarded = await startTestApi({
      outbound: { allowLoopback: false, allowCidrs: [] },
      resolver: async (hostname) => [{ address: hostname === "metadata.test" ? "169.254.169.254" : "127.0.0.1", family: 4 }],
    });
  });
  afterAll(async () => {
    await guarded.close();
    await trap.close();
  });

  it.each([
    ["loopback", (port: number) => `http://tickets.test:${port}`],
    ["the cloud metadata address", () => "http://metadata.test"],
  ])("refuses a call whose API resolves to %s before any connection", async (_label, base) => {
    const registered = await guarded.gql(alice, REGISTER, { d: ticketDescriptor(base(trap.port)) });
    expect(registered.body.errors).toBeUndefined();
    const id = registered.body.data!.registerConnector.server.id;
    await guarded.gql(alice, CREATE_CONNECTION, { input: { serverId: id, scope: "PLATFORM", fields: [{ name: "api_key", value: "k" }] } });
    const result = (
      await guarded.gql(carol, CALL_TOOL, { input: { qualifiedName: "mcp__ticket_system__get_ticket", arguments: { id: "T-1" } } })
    ).body.data!.callTool;
    expect(result).toMatchObject({
      status: "FAILED",
      result: { isError: true, content: [{ text: "The server's address is not allowed by the outbound policy." }] },
    });
    expect(trap.connections()).toBe(0);
    await guarded.gql(alice, DELETE_CONNECTOR, { id: "ticket-system" });
  });
});
