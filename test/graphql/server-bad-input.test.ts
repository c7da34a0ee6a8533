import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, UPDATE } from "./server-fields.js";

let api: TestApi;
let existing: { id: string };
beforeAll(async () => {
  api = await startTestApi();
  existing = (await api.gql(alice, CREATE, { input: { name: "Existing", url: "https://e.com/mcp", slug: "existing" } })).body.data!
    .createMcpServer;
});
afterAll(() => api.close());

const url = "https://mcp.example.com/mcp";
const SECRET = "leak-canary-7f3a9c";

/** [label, input, expected code, expected field] */
const CREATE_CASES: Array<[string, Record<string, unknown>, string, string?]> = [
  ["empty name", { name: "  ", url }, "BAD_USER_INPUT", "name"],
  ["name over 100 characters", { name: "n".repeat(101), url }, "BAD_USER_INPUT", "name"],
  ["name with a control character", { name: "a\u0007b", url }, "BAD_USER_INPUT", "name"],
  ["name giving no slug", { name: "!!!", url }, "BAD_USER_INPUT", "name"],
  ["name giving a reserved slug", { name: "Tool Search", url }, "BAD_USER_INPUT", "name"],
  ["reserved slug", { name: "x", slug: "builtin", url }, "BAD_USER_INPUT", "slug"],
  ["slug with a double underscore", { name: "x", slug: "a__b", url }, "BAD_USER_INPUT", "slug"],
  ["slug over 32 characters", { name: "x", slug: "s".repeat(33), url }, "BAD_USER_INPUT", "slug"],
  ["slug already used", { name: "Other", slug: "existing", url }, "CONFLICT"],
  ["relative url", { name: "x", url: "/mcp" }, "BAD_USER_INPUT", "url"],
  ["ftp url", { name: "x", url: "ftp://e.com/mcp" }, "BAD_USER_INPUT", "url"],
  ["javascript url", { name: "x", url: "javascript:alert(1)" }, "BAD_USER_INPUT", "url"],
  ["url with userinfo", { name: "x", url: `https://admin:${SECRET}@e.com/mcp` }, "BAD_USER_INPUT", "url"],
  ["url over 2048 characters", { name: "x", url: `https://e.com/${"p".repeat(2040)}` }, "BAD_USER_INPUT", "url"],
  ["ws url for Streamable HTTP", { name: "x", url: "wss://e.com/ws" }, "BAD_USER_INPUT", "url"],
  [
    "JWT passthrough over plain http",
    { name: "x", url: "http://mcp.example.com/mcp", authType: "JWT_PASSTHROUGH" },
    "BAD_USER_INPUT",
    "url",
  ],
  ["TOKEN without credential", { name: "x", url, authType: "TOKEN" }, "BAD_USER_INPUT", "credential"],
  ["credential on a NONE server", { name: "x", url, credential: `Bearer ${SECRET}` }, "BAD_USER_INPUT", "credential"],
  [
    "credential with CR/LF",
    { name: "x", url, authType: "TOKEN", credential: `Bearer ${SECRET}\r\nX-Evil: 1` },
    "BAD_USER_INPUT",
    "credential",
  ],
  ["bad header name", { name: "x", url, headers: [{ name: "X Bad", value: SECRET }] }, "BAD_USER_INPUT", "headers.0.name"],
  ["header name with CR/LF", { name: "x", url, headers: [{ name: "X-A\r\nHost", value: SECRET }] }, "BAD_USER_INPUT", "headers.0.name"],
  ["reserved header", { name: "x", url, headers: [{ name: "Host", value: SECRET }] }, "BAD_USER_INPUT", "headers.0.name"],
  [
    "header value with CR/LF",
    { name: "x", url, headers: [{ name: "X-A", value: `${SECRET}\r\nX-Injected: 1` }] },
    "BAD_USER_INPUT",
    "headers.0.value",
  ],
  ["header without a value", { name: "x", url, headers: [{ name: "X-A" }] }, "BAD_USER_INPUT", "headers.0.value"],
  [
    "repeated header",
    {
      name: "x",
      url,
      headers: [
        { name: "X-A", value: SECRET },
        { name: "x-a", value: SECRET },
      ],
    },
    "BAD_USER_INPUT",
    "headers.1.name",
  ],
  [
    "auth header among headers",
    { name: "x", url, authType: "TOKEN", credential: `Bearer ${SECRET}`, headers: [{ name: "authorization", value: SECRET }] },
    "BAD_USER_INPUT",
    "headers.0.name",
  ],
  [
    "too many headers",
    { name: "x", url, headers: Array.from({ length: 21 }, (_, i) => ({ name: `X-${i}`, value: SECRET })) },
    "BAD_USER_INPUT",
    "headers",
  ],
  ["empty agentAccess", { name: "x", url, agentAccess: [] }, "BAD_USER_INPUT", "agentAccess"],
  ["bad agent id", { name: "x", url, agentAccess: ["ok", "not ok"] }, "BAD_USER_INPUT", "agentAccess.1"],
  ["featured private server", { name: "x", url, visibility: "PRIVATE", isFeatured: true }, "BAD_USER_INPUT", "isFeatured"],
  ["description over 1000 characters", { name: "x", url, description: "d".repeat(1001) }, "BAD_USER_INPUT", "description"],
  ["bad auth header name", { name: "x", url, authHeaderName: "Bad Header" }, "BAD_USER_INPUT", "authHeaderName"],
];

describe("every bad input gets its code, and nothing is stored", () => {
  it.each(CREATE_CASES)("createMcpServer: %s", async (_label, input, code, field) => {
    const before = await api.table.rawItems();
    const result = await api.gql(alice, CREATE, { input });
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]!.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(result.text).not.toContain(SECRET);
    expect(await api.table.rawItems()).toEqual(before);
  });

  it.each([
    ["SHARED by a member", bob, { name: "x", url, visibility: "SHARED" }, "FORBIDDEN"],
    ["no token", null, { name: "x", url }, "UNAUTHENTICATED"],
  ] as const)("createMcpServer: %s", async (_label, caller, input, code) => {
    const before = await api.table.rawItems();
    const result = await api.gql(caller, CREATE, { input });
    expect(result.body.errors![0]!.extensions?.code).toBe(code);
    expect(await api.table.rawItems()).toEqual(before);
  });

  it.each([
    ["empty name", { name: "" }, "name"],
    ["bad url", { url: "nope" }, "url"],
    ["bad slug", { slug: "No" }, "slug"],
    ["empty agentAccess", { agentAccess: [] }, "agentAccess"],
    ["expectedVersion below 1", { expectedVersion: 0 }, "expectedVersion"],
    ["header value with LF", { headers: [{ name: "X-A", value: "a\nb" }] }, "headers.0.value"],
    ["credential without TOKEN", { credential: "Bearer x-long-enough" }, "credential"],
  ])("updateMcpServer: %s", async (_label, input, field) => {
    const before = await api.table.rawItems();
    const result = await api.gql(alice, UPDATE, { id: existing.id, input });
    expect(result.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await api.table.rawItems()).toEqual(before);
  });

  it("answers an id that is not even well-formed like a missing one", async () => {
    const result = await api.gql(alice, UPDATE, { id: "x".repeat(5000), input: { name: "y" } });
    expect(result.body.errors![0]!.extensions?.code).toBe("NOT_FOUND");
  });
});
