import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startTrap } from "../support/trap-server.js";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CONNECTOR_STATUSES } from "./oauth-fields.js";
import { CREATE, GET, UPDATE } from "./server-fields.js";

let api: TestApi;
let healthy: SdkServer;
let other: SdkServer;
let hanging: Awaited<ReturnType<typeof startTrap>>;

beforeAll(async () => {
  // As deployed: every new or changed server is checked in the background.
  api = await startTestApi({ checkAfterChange: true, mcpRequestTimeoutMs: 1_500 });
  healthy = await startSdkServer();
  other = await startSdkServer();
  hanging = await startTrap("127.0.0.1", () => undefined);
});
afterAll(async () => {
  await api.close();
  await healthy.close();
  await other.close();
  await hanging.close();
});

const create = async (name: string, url: string) => (await api.gql(alice, CREATE, { input: { name, url } })).body.data!.createMcpServer;
const read = async (id: string) => (await api.gql(alice, GET, { id })).body.data!.mcpServer;
const dotOf = async (id: string) =>
  (await api.gql(bob, CONNECTOR_STATUSES)).body.data!.connectorStatuses.find((entry: { server: { id: string } }) => entry.server.id === id)
    ?.status as string;

describe("a server's status says only what a check found", () => {
  it("is UNKNOWN when created, not green, and the mutation does not wait for the check it starts", async () => {
    const created = await create("Hanging", `${hanging.url}/mcp`);
    expect(created.status).toBe("UNKNOWN");
    // The check is under way (the server was reached), and has not finished: the mutation answered first.
    await expect.poll(() => hanging.connections()).toBeGreaterThan(0);
    expect((await read(created.id)).status).toBe("UNKNOWN");
    expect(await dotOf(created.id)).toBe("UNKNOWN");
    await api.checks.settled();
    expect(await read(created.id)).toMatchObject({ status: "ERROR", lastError: "The server did not answer in time." });
    expect(await dotOf(created.id)).toBe("ERROR");
  });

  it("becomes CONNECTED once the background check reaches the server", async () => {
    const created = await create("Healthy", healthy.url);
    expect(created.status).toBe("UNKNOWN");
    await api.checks.settled();
    const checked = await read(created.id);
    expect(checked).toMatchObject({ status: "CONNECTED", lastError: null });
    expect(checked.lastValidatedAt).not.toBeNull();
    expect(await dotOf(created.id)).toBe("CONNECTED");
  });

  it("is UNKNOWN again, and checked again, after its address changes; a rename checks nothing", async () => {
    const { id } = await create("Moving", healthy.url);
    await api.checks.settled();
    const sessions = other.state.sessionsOpened + healthy.state.sessionsOpened;
    const renamed = (await api.gql(alice, UPDATE, { id, input: { name: "Moving Renamed" } })).body.data!.updateMcpServer;
    expect(renamed.status).toBe("CONNECTED");
    await api.checks.settled();
    expect(other.state.sessionsOpened + healthy.state.sessionsOpened).toBe(sessions);

    const moved = (await api.gql(alice, UPDATE, { id, input: { url: other.url } })).body.data!.updateMcpServer;
    expect(moved).toMatchObject({ status: "UNKNOWN", lastError: null });
    await api.checks.settled();
    expect((await read(id)).status).toBe("CONNECTED");
    expect(other.state.sessionsOpened).toBeGreaterThan(0);
  });
});
