import { describe, expect, it } from "vitest";
import { requestFor } from "../../domain/connectors/connector-requests.js";
import { parseDescriptor } from "../../domain/connectors/parse-descriptor.js";

const open = () => null;
const descriptor = await parseDescriptor(
  JSON.stringify({
    metadata: { name: "Reports", slug: "reports", version: "2.1.0" },
    authentication: [{ type: "basic", fields: [{ key: "username" }, { key: "password" }] }],
    operations: [
      {
        operation_id: "export",
        endpoint: "https://reports.example.com/v2/{space}/export",
        method: "POST",
        auth_type_ref: "basic",
        auth_headers: { Authorization: "Basic {basic_credentials}" },
        parameters: [
          { name: "space", location: "path", required: true },
          { name: "format", location: "query", enum: ["csv", "json"], default_value: "csv" },
          { name: "tag", location: "query", field_type: "array" },
          { name: "X-Trace", location: "header" },
          { name: "filters", location: "body", field_type: "object" },
        ],
      },
    ],
    mcp_config: {
      enabled: true,
      server_name: "reports",
      server_description: "Reports",
      route_mappings: [
        {
          operation_id: "export",
          mcp_tool_name: "export_report",
          mcp_tool_description: "Export a report",
          parameter_mappings: { "X-Trace": "trace" },
        },
      ],
    },
  }),
  open,
);

describe("requestFor: a tool call as the operation's HTTP request", () => {
  it("places every argument where the operation wants it, escapes the path, and renders basic credentials", () => {
    const plan = requestFor(
      descriptor,
      "export_report",
      { space: "team a/b", tag: ["x", "y"], trace: "t-1", filters: { year: 2026 } },
      { username: "ana", password: "s3cret" },
    );
    expect(plan).toEqual({
      method: "POST",
      url: "https://reports.example.com/v2/team%20a%2Fb/export?format=csv&tag=x&tag=y",
      headers: {
        accept: "application/json",
        "X-Trace": "t-1",
        Authorization: `Basic ${Buffer.from("ana:s3cret").toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ filters: { year: 2026 } }),
    });
  });

  it.each([
    ["a missing required argument", { trace: "t" }, /space/],
    ["a header argument with a line break", { space: "a", trace: "t\r\nX-Evil: 1" }, /trace/],
  ])("refuses %s", (_label, args, field) => {
    expect(() => requestFor(descriptor, "export_report", args, { username: "a", password: "b" })).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT", field: expect.stringMatching(field) }),
    );
  });

  it("is not found for a tool name no mapping has", () => {
    expect(() => requestFor(descriptor, "export", { space: "a" }, {})).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});
