import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../adapters/dynamo/client.js";
import { DynamoServerStore } from "../../adapters/dynamo/server-store.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, GET, UPDATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { SERVER_TOOLS, VALIDATE } from "./tool-fields.js";

const KEY = "sk_live_urlcanary_5e1d9a3c1234";
const ROTATED = "sk_live_urlrotated_77b0c4e9abcd";

describe("a server URL's query values are secrets", () => {
  let api: TestApi;
  let upstream: SdkServer;
  let id: string;
  let maskedUrl: string;
  /** Every response, for the last test to scan. */
  const responses: string[] = [];
  const run = (...args: Parameters<TestApi["gql"]>) => api.gql(...args).then((result) => (responses.push(result.text), result));
  const stored = () => new DynamoServerStore(documentClient(api.table.dynamo), api.table.tableName).get("acme", id);
  const sentQueries = () => upstream.state.requestUrls.map((url) => new URL(url, "http://upstream").search);
  const echo = async () => {
    const call = await run(carol, CALL_TOOL, { input: { qualifiedName: "mcp__keyed__echo", arguments: { message: "hi" } } });
    expect(call.body.errors).toBeUndefined();
    return call.body.data!.callTool;
  };

  beforeAll(async () => {
    api = await startTestApi();
    upstream = await startSdkServer();
    const created = await run(alice, CREATE, {
      input: { name: "Keyed", url: `${upstream.url}?api_key=${KEY}&region=eu`, toolsCacheEnabled: true },
    });
    expect(created.body.errors).toBeUndefined();
    ({ id, url: maskedUrl } = created.body.data!.createMcpServer);
  });
  afterAll(async () => {
    await api.close();
    await upstream.close();
  });

  it("are masked in the URL returned, long ones to their last four characters, short ones whole", () => {
    expect(maskedUrl).toBe(`${upstream.url}?api_key=••••1234&region=••••`);
  });

  it("are sent to the server on every path: listing, calls, checks and the refresh job", async () => {
    const tools = await run(alice, SERVER_TOOLS, { id });
    expect(tools.body.data!.mcpServer.tools.map((tool: { name: string }) => tool.name)).toContain("echo");
    expect(await echo()).toMatchObject({ status: "SUCCEEDED", result: { content: [{ type: "text", text: "hi" }] } });
    expect((await run(alice, VALIDATE, { id })).body.data!.validateMcpServer.status).toBe("CONNECTED");
    expect(await api.refresher.refreshAll()).toMatchObject({ refreshed: 1, failed: 0 });
    expect(upstream.state.requestUrls.length).toBeGreaterThan(3);
    expect(new Set(sentQueries())).toEqual(new Set([`?api_key=${KEY}&region=eu`]));
  });

  it("are stored sealed, and what the server speaks is recorded under the masked URL", async () => {
    const server = await stored();
    expect(server).toMatchObject({ url: maskedUrl, urlQuery: { ciphertext: expect.stringMatching(/^local1\./) } });
    expect(server?.protocol?.url).toBe(maskedUrl);
  });

  it("are kept by an update that leaves the URL out or gives it back masked", async () => {
    const renamed = await run(alice, UPDATE, { id, input: { description: "renamed" } });
    expect(renamed.body.errors).toBeUndefined();
    const again = await run(alice, UPDATE, { id, input: { url: maskedUrl, isFeatured: true } });
    expect(again.body.data!.updateMcpServer).toMatchObject({ url: maskedUrl, isFeatured: true, status: "CONNECTED" });
    upstream.state.requestUrls.length = 0;
    await echo();
    expect(new Set(sentQueries())).toEqual(new Set([`?api_key=${KEY}&region=eu`]));
  });

  it("are replaced by an update with another query", async () => {
    const updated = await run(alice, UPDATE, { id, input: { url: `${upstream.url}?api_key=${ROTATED}` } });
    expect(updated.body.data!.updateMcpServer).toMatchObject({ url: `${upstream.url}?api_key=••••abcd`, status: "UNKNOWN" });
    upstream.state.requestUrls.length = 0;
    await echo();
    expect(new Set(sentQueries())).toEqual(new Set([`?api_key=${ROTATED}`]));
  });

  it("cannot be given masked except exactly as read: nothing is stored", async () => {
    await api.services.toolMetrics.settled();
    const before = await api.table.rawItems();
    const current = (await run(alice, GET, { id })).body.data!.mcpServer.url as string;
    for (const url of [
      `${current}&more=1`,
      current.replace("127.0.0.1", "localhost"),
      `${upstream.url}?api_key=%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2abcd`,
    ]) {
      const refused = await run(alice, UPDATE, { id, input: { url } });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
    }
    const created = await run(alice, CREATE, { input: { name: "Masked", url: current } });
    expect(created.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
    expect(await api.table.rawItems()).toEqual(before);
  });

  it("never appear in a response, a stored item, the registry listing or a log line", async () => {
    const registry = await api.yoga.fetch("http://localhost/v0.1/servers", {
      headers: { authorization: `Bearer ${await api.tokenFor(alice)}` },
    });
    const listing = await registry.text();
    const { servers } = JSON.parse(listing) as { servers: Array<{ server: { title: string; remotes: unknown[] } }> };
    // A registry client supplies the value itself.
    expect(servers.find(({ server }) => server.title === "Keyed")!.server.remotes).toEqual([
      {
        type: "streamable-http",
        url: `${upstream.url}?api_key={api_key}`,
        variables: { api_key: { description: "A value of the server URL's query", isRequired: true, isSecret: true } },
      },
    ]);
    const texts = [...responses, listing, JSON.stringify(await api.table.rawItems()), ...api.logs];
    for (const secret of [KEY, ROTATED]) for (const text of texts) expect(text).not.toContain(secret);
  });
});
