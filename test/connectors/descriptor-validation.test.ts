import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CONNECTORS, REGISTER, ticketDescriptor } from "./connector-fields.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

type Descriptor = Record<string, any>;
const example = (): Descriptor => parse(ticketDescriptor("https://tickets.example.com"));
const edit = (change: (descriptor: Descriptor) => void) => {
  const descriptor = example();
  change(descriptor);
  return JSON.stringify(descriptor);
};
const long = (length: number) => "x".repeat(length);

describe("registerConnector refuses every broken rule, naming its path, and stores nothing", () => {
  it.each([
    [
      "a mapping to an operation that does not exist",
      edit((d) => (d.mcp_config.route_mappings[2].operation_id = "close_ticket")),
      "mcp_config.route_mappings[2].operation_id",
    ],
    [
      "two tools of one name",
      edit((d) => (d.mcp_config.route_mappings[1].mcp_tool_name = "search_tickets")),
      "mcp_config.route_mappings[1].mcp_tool_name",
    ],
    [
      "an invalid tool name",
      edit((d) => (d.mcp_config.route_mappings[0].mcp_tool_name = "search tickets")),
      "mcp_config.route_mappings[0].mcp_tool_name",
    ],
    [
      "a tool name over 100 characters",
      edit((d) => (d.mcp_config.route_mappings[0].mcp_tool_name = long(101))),
      "mcp_config.route_mappings[0].mcp_tool_name",
    ],
    ["no server_name while enabled", edit((d) => delete d.mcp_config.server_name), "mcp_config.server_name"],
    ["a server_name over 100 characters", edit((d) => (d.mcp_config.server_name = long(101))), "mcp_config.server_name"],
    ["no server_description while enabled", edit((d) => delete d.mcp_config.server_description), "mcp_config.server_description"],
    [
      "an empty tool description",
      edit((d) => (d.mcp_config.route_mappings[0].mcp_tool_description = "")),
      "mcp_config.route_mappings[0].mcp_tool_description",
    ],
    [
      "a tool description over 500 characters",
      edit((d) => (d.mcp_config.route_mappings[0].mcp_tool_description = long(501))),
      "mcp_config.route_mappings[0].mcp_tool_description",
    ],
    [
      "a parameter mapping of no parameter",
      edit((d) => (d.mcp_config.route_mappings[1].parameter_mappings = { nope: "id" })),
      "mcp_config.route_mappings[1].parameter_mappings.nope",
    ],
    [
      "parameter mappings that collide",
      edit((d) => (d.mcp_config.route_mappings[0].parameter_mappings = { status: "assignee" })),
      "mcp_config.route_mappings[0].parameter_mappings",
    ],
    ["an auth_type_ref no authentication declares", edit((d) => (d.operations[0].auth_type_ref = "bearer")), "operations[0].auth_type_ref"],
    [
      "an auth header template with an unknown field",
      edit((d) => (d.operations[0].auth_headers = { "X-API-Key": "{token}" })),
      "operations[0].auth_headers.X-API-Key",
    ],
    ["a relative endpoint", edit((d) => (d.operations[1].endpoint = "/api/v1/tickets/{ticket_id}")), "operations[1].endpoint"],
    ["an endpoint that is not http(s)", edit((d) => (d.operations[0].endpoint = "ftp://tickets.example.com/x")), "operations[0].endpoint"],
    [
      "an endpoint at the cloud metadata address",
      edit((d) => (d.operations[0].endpoint = "http://169.254.169.254/latest/meta-data")),
      "operations[0].endpoint",
    ],
    [
      "an endpoint at a private address",
      edit((d) => (d.operations[2].endpoint = "http://10.0.0.7/api/v1/tickets")),
      "operations[2].endpoint",
    ],
    ["a test endpoint at the metadata address", edit((d) => (d.test_endpoint.url = "http://169.254.169.254/")), "test_endpoint.url"],
    [
      "a placeholder with no path parameter",
      edit((d) => (d.operations[1].endpoint = "https://tickets.example.com/api/v1/tickets/{id}")),
      "operations[1].endpoint",
    ],
    ["two operations of one id", edit((d) => (d.operations[1].operation_id = "search_tickets")), "operations[1].operation_id"],
    [
      "a default of the wrong type",
      edit((d) => (d.operations[0].parameters[2].default_value = "many")),
      "operations[0].parameters[2].default_value",
    ],
    ["an unknown method", edit((d) => (d.operations[0].method = "FETCH")), "operations[0].method"],
    ["no operations", edit((d) => (d.operations = [])), "operations"],
    ["a version that is not semver", edit((d) => (d.metadata.version = "v1")), "metadata.version"],
    ["a missing name", edit((d) => delete d.metadata.name), "metadata.name"],
    ["text that is neither YAML nor JSON", "metadata: [unclosed", "descriptor"],
  ])("%s", async (_label, descriptor, field) => {
    const result = await api.gql(alice, REGISTER, { d: descriptor });
    expect(result.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(result.body.errors![0]!.message).toBeTruthy();
  });

  it("kept nothing of any refused descriptor", async () => {
    const items = await api.table.rawItems();
    expect(items.filter((item: any) => String(item.sk?.S ?? "").startsWith("CONNECTOR#") || item.connector?.M)).toEqual([]);
    expect((await api.gql(alice, CONNECTORS)).body.data!.connectors).toEqual([]);
  });

  it("lets only admins register, list or read connectors", async () => {
    const refused = await api.gql(carol, REGISTER, { d: ticketDescriptor("https://tickets.example.com") });
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await api.gql(carol, CONNECTORS)).body.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});
