import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTicketApi } from "../support/rest/ticket-api.js";
import { alice, bob, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE_CONNECTION } from "../graphql/connection-fields.js";
import { AGENT_TOOLS } from "../graphql/tool-fields.js";
import { APPROVE, CALL_TOOL } from "../graphql/tool-call-fields.js";
import { REGISTER, ticketDescriptor } from "./connector-fields.js";

let api: TestApi;
let rest: Awaited<ReturnType<typeof startTicketApi>>;
let serverId: string;

const call = async (caller: typeof alice, qualifiedName: string, args: Record<string, unknown>) => {
  const result = await api.gql(caller, CALL_TOOL, { input: { qualifiedName, arguments: args } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.callTool;
};
const last = () => rest.requests.at(-1)!;

beforeAll(async () => {
  rest = await startTicketApi(["platform-key", "bobs-own-key"]);
  api = await startTestApi();
  const registered = await api.gql(alice, REGISTER, { d: ticketDescriptor(rest.origin) });
  expect(registered.body.errors).toBeUndefined();
  serverId = registered.body.data!.registerConnector.server.id;
  const platform = await api.gql(alice, CREATE_CONNECTION, {
    input: { serverId, scope: "PLATFORM", fields: [{ name: "api_key", value: "platform-key" }] },
  });
  expect(platform.body.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await api.close();
  await rest.close();
});

describe("the ticket-system example, end to end", () => {
  it("lists the three mapped tools with their schemas, parameters under their mapped names", async () => {
    const { tools } = (await api.gql(carol, AGENT_TOOLS)).body.data!.agentTools;
    const byName = Object.fromEntries(tools.map((tool: any) => [tool.qualifiedName, tool]));
    expect(
      Object.keys(byName)
        .filter((name) => name.startsWith("mcp__ticket_system__"))
        .sort(),
    ).toEqual(["mcp__ticket_system__create_ticket", "mcp__ticket_system__get_ticket", "mcp__ticket_system__search_tickets"]);
    expect(byName.mcp__ticket_system__search_tickets).toMatchObject({
      description: "Search support tickets by status or assignee; returns ids, titles, statuses and assignees.",
      inputSchema: {
        type: "object",
        properties: {
          status: { type: "string", description: "open, closed or in_progress" },
          assignee: { type: "string" },
          limit: { type: "integer", default: 25 },
        },
        additionalProperties: false,
      },
      labels: ["READ"],
      requiresApproval: false,
    });
    expect(byName.mcp__ticket_system__get_ticket.inputSchema).toEqual({
      type: "object",
      properties: { id: { type: "string" } },
      required: ["id"],
      additionalProperties: false,
    });
    expect(byName.mcp__ticket_system__create_ticket).toMatchObject({ labels: ["WRITE"], requiresApproval: true });
  });

  it("search_tickets sends query parameters, the default limit and the platform's X-API-Key", async () => {
    const result = await call(carol, "mcp__ticket_system__search_tickets", { status: "open" });
    expect(result).toMatchObject({ status: "SUCCEEDED", connectionScope: "PLATFORM" });
    expect(result.result.structuredContent.items).toEqual([expect.objectContaining({ id: "T-1" })]);
    expect(last()).toMatchObject({ method: "GET", path: "/api/v1/tickets", query: { status: "open", limit: "25" } });
    expect(last().headers["x-api-key"]).toBe("platform-key");
  });

  it("get_ticket puts its mapped `id` back as the ticket_id path parameter", async () => {
    const result = await call(carol, "mcp__ticket_system__get_ticket", { id: "T-2" });
    expect(result.result.structuredContent).toMatchObject({ id: "T-2", title: "VPN drops" });
    expect(last()).toMatchObject({ method: "GET", path: "/api/v1/tickets/T-2" });
    const unmapped = await api.gql(carol, CALL_TOOL, {
      input: { qualifiedName: "mcp__ticket_system__get_ticket", arguments: { ticket_id: "T-2" } },
    });
    expect(unmapped.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("create_ticket waits for approval (a POST), then sends a JSON body with defaults filled in", async () => {
    const before = rest.requests.length;
    const pending = await call(carol, "mcp__ticket_system__create_ticket", { title: "Broken chair" });
    expect(pending.status).toBe("PENDING_APPROVAL");
    expect(rest.requests.length).toBe(before);
    const approved = (await api.gql(carol, APPROVE, { id: pending.id })).body.data!.approveToolCall;
    expect(approved).toMatchObject({ status: "SUCCEEDED" });
    expect(last()).toMatchObject({ method: "POST", path: "/api/v1/tickets", body: { title: "Broken chair", priority: "medium" } });
    expect(last().headers["content-type"]).toBe("application/json");
  });

  it("uses a user's own connection over the platform's, for that user only", async () => {
    const own = await api.gql(
      bob,
      `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id fields { name preview } } }`,
      {
        input: { serverId, scope: "USER", fields: [{ name: "api_key", value: "bobs-own-key" }] },
      },
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.createConnection.fields).toEqual([{ name: "api_key", preview: "••••-key" }]);
    expect(await call(bob, "mcp__ticket_system__search_tickets", {})).toMatchObject({ status: "SUCCEEDED", connectionScope: "USER" });
    expect(last().headers["x-api-key"]).toBe("bobs-own-key");
    await call(carol, "mcp__ticket_system__search_tickets", {});
    expect(last().headers["x-api-key"]).toBe("platform-key");
  });

  it("answers a non-2xx status as a tool error with the status and a bounded excerpt", async () => {
    const result = await call(carol, "mcp__ticket_system__get_ticket", { id: "T-404" });
    expect(result).toMatchObject({
      status: "FAILED",
      result: { isError: true, content: [{ text: 'The API answered HTTP 404: {"error":"no ticket at /api/v1/tickets/T-404"}' }] },
    });
  });
});
