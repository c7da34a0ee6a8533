import type { FinalizeHandler, FinalizeHandlerArguments, HandlerExecutionContext, MetadataBearer } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL, TOOL_CALL } from "./tool-call-fields.js";

let api: TestApi;
let upstream: SdkServer;

/** What happens to the next write of a call's audit record (a PutItem carrying `toolName`). */
let onAuditPut: ((input: { Item?: Record<string, unknown> }) => Promise<void>) | undefined;

beforeAll(async () => {
  upstream = await startSdkServer();
  api = await startTestApi();
  // Watches the real DynamoDB client's requests (the SDK's own middleware stack), as the table sees them.
  api.table.dynamo.middlewareStack.add(
    (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<object>) => {
      const input = args.input as { Item?: Record<string, unknown> };
      if (context.commandName === "PutItemCommand" && input.Item && "toolName" in input.Item && onAuditPut) await onAuditPut(input);
      return next(args);
    },
    { step: "finalizeRequest", name: "auditWatch" },
  );
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
}, 60_000);
afterAll(async () => {
  await api.close();
  await upstream.close();
});

const echo = (message: string) => api.gql(carol, CALL_TOOL, { input: { qualifiedName: "mcp__notes__echo", arguments: { message } } });

describe("an auto-approved call's audit record", () => {
  it("is written while the server works: the call reaches the server before the first write lands", async () => {
    const before = upstream.state.calls.echo ?? 0;
    let reachedServerFirst: boolean | undefined;
    onAuditPut = async () => {
      if (reachedServerFirst !== undefined) return;
      // The first write is held until the server has the call: had the write to come first, the server would never get it (5 s).
      for (let i = 0; i < 250 && (upstream.state.calls.echo ?? 0) === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      reachedServerFirst = (upstream.state.calls.echo ?? 0) > before;
    };
    const result = await echo("overlapped");
    onAuditPut = undefined;
    expect(result.body.errors).toBeUndefined();
    expect(reachedServerFirst).toBe(true);
    const stored = await api.gql(carol, TOOL_CALL, { id: result.body.data!.callTool.id });
    expect(stored.body.data!.toolCall).toMatchObject({ status: "SUCCEEDED", result: { content: [{ type: "text", text: "overlapped" }] } });
  });

  it("is still written whole when its first write fails after the call reached the server", async () => {
    onAuditPut = async (input) => {
      if (input.Item && (input.Item as { status?: { S?: string } }).status?.S === "RUNNING")
        throw Object.assign(new Error("Throughput exceeded"), { name: "ProvisionedThroughputExceededException" });
    };
    const result = await echo("written whole");
    onAuditPut = undefined;
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.callTool.status).toBe("SUCCEEDED");
    const stored = await api.gql(carol, TOOL_CALL, { id: result.body.data!.callTool.id });
    expect(stored.body.data!.toolCall).toMatchObject({
      status: "SUCCEEDED",
      result: { content: [{ type: "text", text: "written whole" }] },
    });
  });
});
