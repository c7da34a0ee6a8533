import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback proxy in front of a local DynamoDB (dynalite, DynamoDB Local) that answers the
 * next requests with DynamoDB's own throttling error, as a table over its capacity does: no
 * emulator throttles on demand. Counts what it throttled and what it let through.
 */
export async function startThrottlingProxy(target: string) {
  let throttleNext = 0;
  const seen = { throttled: 0, forwarded: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (throttleNext > 0) {
        throttleNext -= 1;
        seen.throttled += 1;
        const body = JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
          message: "The level of configured provisioned throughput for the table was exceeded.",
        });
        return void response.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end(body);
      }
      seen.forwarded += 1;
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !["host", "connection", "content-length"].includes(name)),
      ) as Record<string, string>;
      void fetch(target, { method: request.method ?? "POST", headers, body: Buffer.concat(chunks) }).then(
        async (answer) => {
          response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/x-amz-json-1.0" });
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => response.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** Throttles the next `times` requests, whatever they are. */
    throttle(times: number) {
      throttleNext = times;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
