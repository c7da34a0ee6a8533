import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`),
 * for the real @aws-sdk/client-lambda: asynchronous ("Event") invocations answer 202 and run the
 * named handler after, as Lambda does. `settled()` waits for every invocation so far.
 */
export async function startLambdaInvokeServer(functions: Record<string, (event: any) => Promise<unknown>>) {
  const invocations: Array<{ name: string; type: string; event: any }> = [];
  const running = new Set<Promise<unknown>>();
  const server = createServer((request, response) => void invoke(request, response));
  async function invoke(request: IncomingMessage, response: ServerResponse) {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? "");
    const handler = match ? functions[decodeURIComponent(match[1]!)] : undefined;
    if (request.method !== "POST" || !handler) {
      response.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" });
      return void response.end(JSON.stringify({ Type: "User", message: "Function not found" }));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const event = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
    const type = String(request.headers["x-amz-invocation-type"] ?? "RequestResponse");
    invocations.push({ name: match![1]!, type, event });
    const run = handler(event).finally(() => running.delete(run));
    running.add(run);
    if (type === "Event") return void response.writeHead(202).end();
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify((await run) ?? null));
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invocations,
    settled: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
