import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { AGENT_TOOLS } from "./tool-fields.js";

let api: TestApi;
let upstream: SdkServer;
let hanging = false;
const proxy = createServer((incoming, outgoing) => {
  // A server that stops answering: requests are accepted and left waiting.
  if (hanging) return;
  const target = new URL(upstream.url);
  const relayed = forward(
    { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  incoming.pipe(relayed);
});

beforeAll(async () => {
  upstream = await startSdkServer();
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  // Far below the call timeout (10 s here): a test that waited for the server instead would time out.
  api = await startTestApi({ liveToolsBudgetMs: 300, configCacheMs: 0 });
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`;
  const created = await api.gql(alice, CREATE, { input: { name: "Notes", url } });
  // Validation lists the tools with no budget: they are stored, as a first listing would store them.
  const validated = await api.gql(alice, `mutation($id: ID!) { validateMcpServer(id: $id) { status } }`, {
    id: created.body.data!.createMcpServer.id,
  });
  expect(validated.body.data!.validateMcpServer.status).toBe("CONNECTED");
}, 60_000);
afterAll(async () => {
  proxy.closeAllConnections();
  proxy.close();
  await api.close();
  await upstream.close();
});

const LIST = `{ mcpServers { status lastError tools { qualifiedName } } }`;

describe("a live server that does not answer within the listing's budget", () => {
  it("contributes the tools last seen, and its status says it is late", async () => {
    const fresh = (await api.gql(alice, LIST)).body.data!.mcpServers[0];
    expect(fresh.tools.map((tool: { qualifiedName: string }) => tool.qualifiedName)).toContain("mcp__notes__echo");

    hanging = true;
    const listed = await api.gql(alice, LIST);
    expect(listed.body.errors).toBeUndefined();
    const names = (tools: Array<{ qualifiedName: string }>) => tools.map((tool) => tool.qualifiedName).sort();
    expect(names(listed.body.data!.mcpServers[0].tools)).toEqual(names(fresh.tools));
    const catalog = await api.gql(alice, AGENT_TOOLS, {});
    expect(catalog.body.data!.agentTools.tools.map((tool: { qualifiedName: string }) => tool.qualifiedName)).toContain("mcp__notes__echo");

    const status = (await api.gql(alice, `{ mcpServers { status lastError } }`)).body.data!.mcpServers[0];
    expect(status).toEqual({ status: "ERROR", lastError: "Did not list its tools within 300 ms: showing the tools last seen" });

    // Said once: while it stays late, listings write nothing more.
    const writes: string[] = [];
    api.table.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== "GetItemCommand" && context.commandName !== "QueryCommand") writes.push(context.commandName!);
        return next(args);
      },
      { step: "initialize", name: "watchWrites" },
    );
    await api.gql(alice, LIST);
    expect(writes).toEqual([]);
  });
});
