import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CREATE } from "../graphql/server-fields.js";
import { CALL_TOOL } from "../graphql/tool-call-fields.js";
import { bootLocalServer } from "../support/local-server.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import type { RunningProcess } from "../support/processes.js";

const CALLS = `{ toolCalls(first: 10) { edges { node { id qualifiedName status error } } } }`;

describe("a process killed (kill -9) while calls run", () => {
  const running: RunningProcess[] = [];
  let upstream: SdkServer;
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop("SIGKILL")));
    await upstream?.close();
  });

  it("leaves no call RUNNING for good: after its timeout and margin each reads FAILED, interrupted", async () => {
    upstream = await startSdkServer();
    const dataDir = await mkdtemp(join(tmpdir(), "killed-mid-call-"));
    // Short enough that the restart outlasts them: a call's timeout (2 s) plus the margin (1 s).
    const env = { MCP_REQUEST_TIMEOUT_MS: "2000", INTERRUPTED_CALL_MARGIN: "1s", REFRESH_TOOLS_SCHEDULE: "off" };
    const first = await bootLocalServer(dataDir, env, { direct: true });
    running.push(first.server);
    const created = await first.gql(first.token, CREATE, { input: { name: "Slow Tools", url: upstream.url } });
    expect(created.errors).toBeUndefined();

    const inFlight = [1, 2, 3].map(() =>
      first
        .gql(first.token, CALL_TOOL, { input: { qualifiedName: "mcp__slow_tools__slow", arguments: { ms: 60_000 } } })
        .catch(() => undefined),
    );
    for (let i = 0; i < 400 && (upstream.state.calls.slow ?? 0) < 3; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(upstream.state.calls.slow).toBe(3);
    first.server.child.kill("SIGKILL");
    await Promise.all(inFlight);

    const second = await bootLocalServer(dataDir, env, { direct: true });
    running.push(second.server);
    let calls: Array<{ status: string; error: string | null; qualifiedName: string }> = [];
    for (let i = 0; i < 100; i++) {
      calls = ((await second.gql(second.token, CALLS)).data?.toolCalls.edges ?? []).map((edge: { node: object }) => edge.node);
      if (calls.length === 3 && calls.every((call) => call.status !== "RUNNING")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(calls).toEqual(
      Array.from({ length: 3 }, () =>
        expect.objectContaining({ qualifiedName: "mcp__slow_tools__slow", status: "FAILED", error: "interrupted" }),
      ),
    );
    expect(await second.server.stop("SIGTERM")).toBe(0);
  }, 120_000);
});
