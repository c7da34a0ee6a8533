import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REMOTE_MCP_SERVERS } from "../../domain/integrations/catalog/remote-mcp-servers.js";
import { alice, bob, mallory } from "../support/test-api.js";
import { SERVER_FIELDS } from "../graphql/server-fields.js";
import { errorOf, startLoopbackApi } from "./served-api.js";

const CATALOG = `query { integrationCatalog { id name description url transport authType scopes docsUrl iconUrl added } }`;
const ADD = `mutation Add($id: ID!, $input: AddIntegrationInput) { addIntegration(id: $id, input: $input) { ${SERVER_FIELDS} oauthScopes } }`;

let loopback: Awaited<ReturnType<typeof startLoopbackApi>>;
beforeAll(async () => {
  loopback = await startLoopbackApi();
});
afterAll(() => loopback.close());

const catalogOf = async (caller: typeof alice) => {
  const result = await loopback.gql(caller, CATALOG);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.integrationCatalog as Array<{ id: string; added: boolean }>;
};
const addedIds = async (caller: typeof alice) => (await catalogOf(caller)).filter((entry) => entry.added).map((entry) => entry.id);

describe("integrationCatalog", () => {
  it("lists every entry with its facts, none added in a new tenant", async () => {
    const catalog = await catalogOf(bob);
    expect(catalog).toHaveLength(REMOTE_MCP_SERVERS.length);
    const linear = REMOTE_MCP_SERVERS.find((entry) => entry.id === "linear")!;
    expect(catalog.find((entry) => entry.id === "linear")).toEqual({
      id: "linear",
      name: linear.name,
      description: linear.description,
      url: "https://mcp.linear.app/mcp",
      transport: "STREAMABLE_HTTP",
      authType: "OAUTH2",
      scopes: [],
      docsUrl: linear.docsUrl,
      iconUrl: linear.iconUrl,
      added: false,
    });
    expect(await addedIds(mallory)).toEqual([]);
  });
});

describe("addIntegration", () => {
  it("registers a server from the entry's defaults, and only that tenant sees it as added", async () => {
    const result = await loopback.gql(alice, ADD, { id: "linear" });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.addIntegration).toMatchObject({
      name: "Linear",
      slug: "linear",
      url: "https://mcp.linear.app/mcp",
      transport: "STREAMABLE_HTTP",
      authType: "OAUTH2",
      visibility: "SHARED",
      oauthScopes: null,
      createdBy: "alice",
    });
    expect(await addedIds(alice)).toEqual(["linear"]);
    expect(await addedIds(bob)).toEqual(["linear"]);
    expect(await addedIds(mallory)).toEqual([]);
  });

  it("takes overrides: name, slug, visibility, and a token instead of OAuth", async () => {
    const result = await loopback.gql(alice, ADD, {
      id: "github",
      input: { name: "GitHub (ops)", slug: "gh_ops", visibility: "PRIVATE", authType: "TOKEN", credential: "Bearer ghp-canary-0001" },
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.addIntegration).toMatchObject({
      name: "GitHub (ops)",
      slug: "gh_ops",
      url: "https://api.githubcopilot.com/mcp/",
      authType: "TOKEN",
      visibility: "PRIVATE",
      ownerId: "alice",
      hasCredential: true,
    });
    // `added` is about the tenant, so bob's catalog counts alice's private server too.
    expect(await addedIds(bob)).toContain("github");
  });

  it("keeps the registry's rules: an overriding URL is checked like any server's", async () => {
    const result = await loopback.gql(alice, ADD, { id: "stripe", input: { url: "https://user:pw@mcp.stripe.com" } });
    expect(errorOf(result)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
    expect(await addedIds(alice)).not.toContain("stripe");
  });

  it("refuses members and unknown ids, storing nothing", async () => {
    expect(errorOf(await loopback.gql(bob, ADD, { id: "notion" }))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await loopback.gql(bob, ADD, { id: "notion", input: { visibility: "PRIVATE" } }))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await loopback.gql(alice, ADD, { id: "no-such-vendor" }))?.extensions?.code).toBe("NOT_FOUND");
    expect(await addedIds(alice)).not.toContain("notion");
  });

  it("refuses anonymous callers", async () => {
    const result = await loopback.gql(null, CATALOG);
    expect(errorOf(result)?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
