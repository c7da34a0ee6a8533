import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, bob, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE_CONNECTION } from "./connection-fields.js";
import { CREATE, UPDATE } from "./server-fields.js";
import { AGENT_TOOLS } from "./tool-fields.js";

const AGENTS = "{ agents }";
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe("agents: the agent ids a tenant uses, for access pickers", () => {
  it("lists agents named in access lists, given connections, and seen acting with a token; sorted, each once", async () => {
    const { id } = (
      await api.gql(alice, CREATE, {
        input: { name: "Support", url: "https://mcp.example.com/mcp", agentAccess: ["support-bot", "triage-bot"] },
      })
    ).body.data!.createMcpServer;
    const connection = await api.gql(alice, CREATE_CONNECTION, {
      input: { serverId: id, scope: "AGENT", agentId: "billing-bot", authorizationScheme: "Bearer", credential: "agent-secret" },
    });
    expect(connection.body.errors).toBeUndefined();
    // An agent token acting (twice: noted once).
    for (let n = 0; n < 2; n++) expect((await api.gql({ ...bob, agent: "sales-bot" }, AGENT_TOOLS)).body.errors).toBeUndefined();
    expect((await api.gql({ ...bob, agent: "support-bot" }, AGENT_TOOLS)).body.errors).toBeUndefined();

    expect((await api.gql(alice, AGENTS)).body.data!.agents).toEqual(["billing-bot", "sales-bot", "support-bot", "triage-bot"]);
    const stored = (await api.table.rawItems()).filter((item) => (item.pk as { S: string }).S === "T#acme#AGENTS");
    expect(stored.map((item) => (item.sk as { S: string }).S).sort()).toEqual([
      "AGENT#billing-bot",
      "AGENT#sales-bot",
      "AGENT#support-bot",
    ]);

    // An access list is read as it is now.
    await api.gql(alice, UPDATE, { id, input: { agentAccess: null } });
    expect((await api.gql(alice, AGENTS)).body.data!.agents).toEqual(["billing-bot", "sales-bot", "support-bot"]);
  });

  it("shows one tenant's agents to no other tenant, and to admins only", async () => {
    expect((await api.gql(mallory, AGENTS)).body.data!.agents).toEqual([]);
    expect((await api.gql(bob, AGENTS)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.gql(null, AGENTS)).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
