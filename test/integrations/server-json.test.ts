import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, bob, carol, mallory } from "../support/test-api.js";
import { CREATE, LIST, SERVER_FIELDS } from "../graphql/server-fields.js";
import { errorOf, startLoopbackApi } from "./served-api.js";

const IMPORT = `mutation Import($document: String!) { importServerJson(document: $document) { ${SERVER_FIELDS} } }`;

/** Shaped like the registry's docs/reference/server-json/examples/valid/with-remote.json. */
const weather = {
  $schema: "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  name: "io.github.acme/weather",
  title: "Acme Weather",
  description: "Forecasts and alerts",
  version: "1.2.0",
  remotes: [{ type: "sse", url: "https://weather.acme.example/sse", headers: [{ name: "X-Region", value: "eu" }] }],
};

let loopback: Awaited<ReturnType<typeof startLoopbackApi>>;
beforeAll(async () => {
  loopback = await startLoopbackApi();
});
afterAll(() => loopback.close());

const importing = (caller: typeof alice, document: unknown) =>
  loopback.gql(caller, IMPORT, { document: typeof document === "string" ? document : JSON.stringify(document) });
const serverCount = async (caller: typeof alice) => (await loopback.gql(caller, LIST)).body.data!.mcpServers.length as number;

describe("importServerJson", () => {
  it("registers a server from its first remote: title, description, transport, fixed headers", async () => {
    const result = await importing(alice, weather);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.importServerJson).toMatchObject({
      name: "Acme Weather",
      slug: "acme_weather",
      description: "Forecasts and alerts",
      url: "https://weather.acme.example/sse",
      transport: "SSE",
      authType: "NONE",
      visibility: "SHARED",
      headers: [{ name: "X-Region" }],
    });
  });

  it("names a server without a title after its name's last part", async () => {
    const document = {
      ...weather,
      title: undefined,
      name: "com.example/tickets",
      remotes: [{ type: "streamable-http", url: "https://t.example.com/mcp" }],
    };
    const result = await importing(alice, document);
    expect(result.body.data!.importServerJson).toMatchObject({ name: "tickets", slug: "tickets", transport: "STREAMABLE_HTTP" });
  });

  const refusals: Array<[string, unknown, string]> = [
    ["text that is not JSON", "{ nope", "document"],
    ["a name without a namespace", { ...weather, name: "weather" }, "document.name"],
    ["a missing version", { ...weather, version: undefined }, "document.version"],
    ["a description over 100 characters", { ...weather, description: "x".repeat(101) }, "document.description"],
    ["a packages-only server", { ...weather, remotes: undefined, packages: [{ registryType: "npm" }] }, "document.remotes"],
    ["an unknown transport", { ...weather, remotes: [{ type: "stdio", url: "https://a.example" }] }, "document.remotes.0.type"],
    ["a non-http URL", { ...weather, remotes: [{ type: "sse", url: "ftp://a.example" }] }, "document.remotes.0.url"],
    ["a templated URL", { ...weather, remotes: [{ type: "sse", url: "https://{tenant}.example/sse" }] }, "document.remotes.0.url"],
    [
      "a secret header the user must supply",
      { ...weather, remotes: [{ type: "sse", url: "https://s.example/sse", headers: [{ name: "Authorization", isSecret: true }] }] },
      "document.remotes.0.headers.0",
    ],
    ["a URL with a password", { ...weather, remotes: [{ type: "sse", url: "https://u:p@s.example/sse" }] }, "url"],
  ];

  it.each(refusals)("refuses %s naming the path, storing nothing", async (_case, document, field) => {
    const before = await serverCount(alice);
    const result = await importing(alice, document);
    expect(errorOf(result)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await serverCount(alice)).toBe(before);
  });

  it("is for admins only", async () => {
    expect(errorOf(await importing(bob, weather))?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("GET /v0.1/servers", () => {
  type Listing = { servers: Array<{ server: Record<string, any>; _meta: Record<string, any> }>; metadata: { count: number } };
  const listing = async (caller: typeof alice): Promise<Listing> => {
    const response = await loopback.get("/v0.1/servers", caller);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    return (await response.json()) as Listing;
  };
  const titles = (list: Listing) => list.servers.map((entry) => entry.server.title as string).sort();

  beforeAll(async () => {
    const create = async (caller: typeof alice, input: Record<string, unknown>) =>
      expect((await loopback.gql(caller, CREATE, { input })).body.errors).toBeUndefined();
    await create(alice, {
      name: "Shared Token",
      url: "https://token.example.com/mcp",
      authType: "TOKEN",
      credential: "Bearer canary-7777",
    });
    await create(bob, { name: "Bob Private", url: "https://bob.example.com/mcp" });
    await create(carol, { name: "Carol Private", url: "https://carol.example.com/sse", transport: "SSE" });
    await create(mallory, { name: "Globex Shared", url: "https://globex.example.com/mcp" });
  });

  it("answers in the registry API's shape, without secrets", async () => {
    const list = await listing(alice);
    expect(list.metadata.count).toBe(list.servers.length);
    const entry = list.servers.find((candidate) => candidate.server.title === "Shared Token")!;
    expect(entry.server).toEqual({
      $schema: "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
      name: "com.example.token/shared_token",
      title: "Shared Token",
      description: "Shared Token",
      version: "1",
      remotes: [
        {
          type: "streamable-http",
          url: "https://token.example.com/mcp",
          headers: [{ name: "Authorization", description: "The server's credential", isRequired: true, isSecret: true }],
        },
      ],
    });
    expect(entry._meta["io.modelcontextprotocol.registry/official"]).toMatchObject({ status: "active", isLatest: true });
    expect(JSON.stringify(list)).not.toContain("canary-7777");
    for (const { server } of list.servers) expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
  });

  it("shows each caller shared servers and their own private ones, never another tenant's", async () => {
    const forBob = titles(await listing(bob));
    expect(forBob).toContain("Bob Private");
    expect(forBob).toContain("Shared Token");
    expect(forBob).not.toContain("Carol Private");
    expect(forBob).not.toContain("Globex Shared");
    expect(titles(await listing(carol))).not.toContain("Bob Private");
    expect(titles(await listing(mallory))).toEqual(["Globex Shared"]);
  });

  it("refuses unauthenticated callers and other methods", async () => {
    const anonymous = await loopback.get("/v0.1/servers", null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: expect.any(String) });
    const badToken = await fetch(`${loopback.origin}/v0.1/servers`, { headers: { authorization: "Bearer not-a-token" } });
    expect(badToken.status).toBe(401);
    const post = await fetch(`${loopback.origin}/v0.1/servers`, {
      method: "POST",
      headers: { authorization: `Bearer ${await loopback.api.tokenFor(alice)}` },
    });
    expect(post.status).toBe(405);
  });
});
