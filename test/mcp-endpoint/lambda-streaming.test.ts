import { readFileSync } from "node:fs";
import { PassThrough, type Writable } from "node:stream";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ResponseStreaming, streamingLambdaHandler } from "../../functions/http/lambda-stream.js";
import { CREATE } from "../graphql/server-fields.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";

/**
 * The Node.js Lambda runtime's side of response streaming, as it writes to the wire: the
 * prelude (status, headers) as JSON, eight NUL bytes, then the body as the handler writes it.
 */
const runtime: ResponseStreaming = {
  streamifyResponse: (handler) => handler,
  HttpResponseStream: {
    from(stream, prelude) {
      stream.write(JSON.stringify(prelude));
      stream.write(Buffer.alloc(8));
      return stream;
    },
  },
};

let api: TestApi;
let upstream: SdkServer;
const functionUrlEvent: APIGatewayProxyEventV2 = JSON.parse(
  readFileSync(new URL("../functions/fixtures/function-url-post.json", import.meta.url), "utf8"),
);

beforeAll(async () => {
  upstream = await startSdkServer();
  api = await startTestApi({ mcp: { approvalWaitMs: 3000, streams: false } });
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
}, 60_000);
afterAll(async () => {
  await api.close();
  await upstream.close();
});

const handler = () =>
  streamingLambdaHandler(
    async () => async (request) => (await api.mcpEndpoint(request)) ?? new Response(null, { status: 404 }),
    runtime,
  ) as (event: APIGatewayProxyEventV2, stream: Writable) => Promise<void>;

async function eventFor(body: object, headers: Record<string, string> = {}): Promise<APIGatewayProxyEventV2> {
  const authorization = `Bearer ${await api.tokenFor({ ...carol, agent: "support-bot" })}`;
  return {
    ...functionUrlEvent,
    rawPath: "/mcp",
    cookies: [],
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization, ...headers },
    body: JSON.stringify(body),
  };
}

/** Runs the handler, noting what had been written by the time it returned. */
function invoke(event: APIGatewayProxyEventV2) {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  let finished = false;
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = handler()(event, stream).then(() => {
    finished = true;
  });
  const output = () => Buffer.concat(chunks).toString("utf8");
  return { done, output, isFinished: () => finished };
}

describe("the MCP endpoint on a streaming Function URL", () => {
  it("writes the prelude and streams a 2025-era call's progress while the call waits for approval", async () => {
    const init = invoke(
      await eventFor({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    );
    await init.done;
    const [prelude] = init.output().split("\0".repeat(8));
    const { statusCode, headers } = JSON.parse(prelude!) as { statusCode: number; headers: Record<string, string> };
    expect(statusCode).toBe(200);
    const session = { "mcp-session-id": headers["mcp-session-id"]!, "mcp-protocol-version": "2025-11-25" };

    const call = invoke(
      await eventFor(
        {
          jsonrpc: "2.0",
          id: 2,
          method: "tools/call",
          params: { name: "mcp__notes__write_note", arguments: { text: "stream me" }, _meta: { progressToken: "p1" } },
        },
        session,
      ),
    );
    for (let i = 0; i < 300 && !call.output().includes("notifications/progress") && !call.isFinished(); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // The progress event was on the wire while the call still waited: before its result, before the handler returned.
    const early = call.output();
    expect(early).toContain("notifications/progress");
    expect(early).not.toContain('"result"');
    expect(call.isFinished()).toBe(false);
    await call.done;
    expect(call.output()).toMatch(/"id":2/);
    expect(call.output()).toContain("text/event-stream");
  });
});
