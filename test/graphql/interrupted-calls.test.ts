import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../support/clock.js";
import { heldTool } from "../support/mcp/held-tool.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL, TOOL_CALL } from "./tool-call-fields.js";

const TOOL_CALLS = `query($filter: ToolCallFilter) { toolCalls(filter: $filter) { edges { node { id status error } } } }`;
const METRICS = `{ toolMetrics { toolName calls failures } }`;
/** The survivor's call timeout plus the default margin: no call runs longer. */
const RUNNING_LIMIT_MS = 500 + 60_000;

const clock = manualClock();
/** The process whose calls are cut short (it keeps running, but never gets to write their end in time). */
let dying: TestApi;
/** Another process of the same deployment: it reads the calls and runs the refresh-tools job. */
let survivor: TestApi;
let upstream: SdkServer;
/** The upstream's answers to `hang` calls, held until a test lets one go. */
const held: Array<() => void> = [];

beforeAll(async () => {
  dying = await startTestApi({ mcpRequestTimeoutMs: 30_000 });
  survivor = await startTestApi({ sharing: { table: dying.table, issuer: dying.issuer }, clock, mcpRequestTimeoutMs: 500 });
  upstream = await startSdkServer({ extraTools: heldTool(held) });
  await dying.gql(alice, CREATE, { input: { name: "Slow", url: upstream.url } });
});
afterAll(async () => {
  for (const answer of held.splice(0)) answer();
  await survivor.close();
  await dying.close();
  await upstream.close();
});

const read = async (id: string) => (await survivor.gql(carol, TOOL_CALL, { id })).body.data!.toolCall;
const idsWith = async (status: string) =>
  ((await survivor.gql(carol, TOOL_CALLS, { filter: { status } })).body.data!.toolCalls.edges as Array<{ node: { id: string } }>).map(
    ({ node }) => node.id,
  );
const storedStatus = async (id: string) => {
  const items = (await dying.table.rawItems()) as Array<Record<string, { S?: string }>>;
  return items.find((item) => item.sk?.S === "CALL" && item.id?.S === id)?.status?.S;
};

/** Starts a `hang` call in the dying process; resolves once the upstream holds it, with its id and the pending answer. */
async function startHangingCall(label: string) {
  const before = held.length;
  const answer = dying.gql(carol, CALL_TOOL, { input: { qualifiedName: "mcp__slow__hang", arguments: { label } } });
  for (let tries = 0; held.length === before && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  let id: string | undefined;
  for (let tries = 0; !id && tries < 200; tries++) [id] = await idsWith("RUNNING");
  const call = await read(id!);
  return { id: id!, startedAt: Date.parse(call.updatedAt), answer, release: held[before]! };
}

/** Sets the survivor's clock to `instant` (it only moves forward). */
function moveClockTo(instant: number) {
  const delta = instant - clock.now().getTime();
  expect(delta).toBeGreaterThanOrEqual(0);
  clock.advance(delta);
}

describe("a call whose process died mid-run", () => {
  let lost: Awaited<ReturnType<typeof startHangingCall>>;

  it("reads RUNNING up to its timeout plus the margin, then FAILED (interrupted) everywhere, before anyone writes it", async () => {
    lost = await startHangingCall("lost");
    moveClockTo(lost.startedAt + RUNNING_LIMIT_MS - 1);
    expect(await read(lost.id)).toMatchObject({ status: "RUNNING", error: null });
    expect(await idsWith("RUNNING")).toContain(lost.id);

    clock.advance(1);
    expect(await read(lost.id)).toMatchObject({ status: "FAILED", error: "interrupted", result: null });
    expect(await idsWith("FAILED")).toContain(lost.id);
    expect(await idsWith("RUNNING")).not.toContain(lost.id);
    const page = (await survivor.gql(carol, TOOL_CALLS, {})).body.data!.toolCalls.edges;
    expect(page.find(({ node }: { node: { id: string } }) => node.id === lost.id).node).toMatchObject({
      status: "FAILED",
      error: "interrupted",
    });
    expect(await storedStatus(lost.id)).toBe("RUNNING");
  });

  it("is recorded FAILED by the refresh-tools job, which tells its watchers and counts the failure", async () => {
    const stop = new AbortController();
    const updates = (
      await survivor.services.toolCallEvents.toolCallUpdated({ tenantId: "acme", userId: "carol", roles: [] }, lost.id, stop.signal)
    )[Symbol.asyncIterator]();
    const update = updates.next();

    expect(await survivor.refreshJob()).toMatchObject({ interrupted: 1 });
    expect((await update).value).toMatchObject({ id: lost.id, status: "FAILED", error: "interrupted" });
    stop.abort();
    expect(await storedStatus(lost.id)).toBe("FAILED");
    await survivor.services.toolMetrics.settled();
    const rows = (await survivor.gql(alice, METRICS)).body.data!.toolMetrics;
    expect(rows.find((row: { toolName: string }) => row.toolName === "hang")).toMatchObject({ calls: 1, failures: 1 });
    expect(await survivor.refreshJob()).toMatchObject({ interrupted: 0 });
  });

  it("keeps that record when its process comes back with an outcome after all", async () => {
    lost.release();
    expect((await lost.answer).body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    expect(await read(lost.id)).toMatchObject({ status: "FAILED", error: "interrupted" });
  });

  it("is never recorded interrupted when it finished between the job's read and its write", async () => {
    const finishing = await startHangingCall("finishing");
    moveClockTo(finishing.startedAt + RUNNING_LIMIT_MS);
    let armed = true;
    // Right after the job's query found the call, the dying process finishes it.
    dying.table.dynamo.middlewareStack.add(
      (next) => async (args) => {
        const output = await next(args);
        const isJobQuery = JSON.stringify(args.input).includes("JOB#RUNNING_CALLS");
        if (armed && isJobQuery && JSON.stringify((output.output as { Items?: unknown }).Items ?? []).includes(finishing.id)) {
          armed = false;
          finishing.release();
          expect((await finishing.answer).body.data!.callTool.status).toBe("SUCCEEDED");
        }
        return output;
      },
      { step: "initialize", name: "finishMeanwhile" },
    );
    try {
      expect(await survivor.refreshJob()).toMatchObject({ interrupted: 0 });
      expect(armed).toBe(false);
      expect(await read(finishing.id)).toMatchObject({ status: "SUCCEEDED", error: null, result: { content: [{ text: "finishing" }] } });
    } finally {
      dying.table.dynamo.middlewareStack.remove("finishMeanwhile");
    }
  });
});
