import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from "@modelcontextprotocol/client";
import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as LegacyTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startServedApi } from "../support/http-api.js";
import { alice, carol, mallory, type TestApi } from "../support/test-api.js";
import { CREATE } from "../graphql/server-fields.js";
import { REFRESH, SET_TOOL } from "../graphql/tool-fields.js";

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let serverId: string;
let closeApi: () => Promise<void>;

beforeAll(async () => {
  upstream = await startSdkServer();
  ({ api, origin, close: closeApi } = await startServedApi({ mcp: { approvalWaitMs: 1_000, streams: true } }));
  serverId = (await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url, toolsCacheEnabled: true } })).body.data!
    .createMcpServer.id;
  await api.gql(alice, REFRESH, { id: serverId });
}, 60_000);

afterAll(async () => {
  await closeApi();
  await upstream.close();
});

/** Resolves at the next notification, or with "none" if nothing came within a while. */
function nextNotification() {
  let heard!: () => void;
  const notified = new Promise<"heard">((resolve) => (heard = () => resolve("heard")));
  return {
    heard,
    within: (ms: number) => Promise.race([notified, new Promise<"none">((resolve) => setTimeout(() => resolve("none"), ms))]),
  };
}

const hidden = { value: false };
const toggleTool = () => api.gql(alice, SET_TOOL, { id: serverId, tool: "echo", input: { deferred: (hidden.value = !hidden.value) } });

/** Changes a tool until the listener hears of it: its stream opens in the background, so the first change may come before it (a second apart: clients debounce). */
async function changeUntilHeard(listener: ReturnType<typeof nextNotification>) {
  for (let attempt = 0; attempt < 10; attempt++) {
    await toggleTool();
    if ((await listener.within(1_000)) === "heard") return "heard";
  }
  return "none";
}

describe("notifications/tools/list_changed", () => {
  it("reaches a 2025-era client on its GET stream when the tenant's tools change, and not another tenant's client", async () => {
    const headers = { authorization: `Bearer ${await api.tokenFor(carol)}` };
    const client = new LegacyClient({ name: "legacy", version: "1" }, { capabilities: {} });
    const ours = nextNotification();
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => ours.heard());
    await client.connect(new LegacyTransport(new URL(`${origin}/mcp`), { requestInit: { headers } }));
    const other = new LegacyClient({ name: "other-tenant", version: "1" }, { capabilities: {} });
    const theirs = nextNotification();
    other.setNotificationHandler(ToolListChangedNotificationSchema, async () => theirs.heard());
    await other.connect(
      new LegacyTransport(new URL(`${origin}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${await api.tokenFor(mallory)}` } },
      }),
    );
    expect(await changeUntilHeard(ours)).toBe("heard");
    expect(await theirs.within(300)).toBe("none");
    await Promise.all([client.close(), other.close()]);
  });

  it("reaches a 2026-era client through subscriptions/listen", async () => {
    const changed = nextNotification();
    const client = new ModernClient(
      { name: "modern", version: "1" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } }, listChanged: { tools: { onChanged: () => changed.heard() } } },
    );
    await client.connect(
      new ModernTransport(new URL(`${origin}/mcp`), { requestInit: { headers: { authorization: `Bearer ${await api.tokenFor(carol)}` } } }),
    );
    await client.listTools();
    expect(await changeUntilHeard(changed)).toBe("heard");
    await client.close();
  });
});
