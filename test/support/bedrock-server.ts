import { createServer, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the Bedrock runtime's InvokeModel (`POST /model/{modelId}/invoke`, over
 * HTTP/2 as the SDK's Bedrock client speaks it)
 * with Titan Text Embeddings v2 bodies. Its "model" knows a few concepts: words of one concept
 * get the same direction, any other word a hashed one; vectors are normalised. It records every
 * request, and can be taken down.
 */
export async function startBedrockServer(concepts: ReadonlyArray<readonly string[]> = []) {
  const requests: Array<{ modelId: string; body: { inputText: string; dimensions: number; normalize: boolean } }> = [];
  let down = false;
  const conceptOf = new Map(concepts.flatMap((words, index) => words.map((word) => [word, index] as const)));
  const embed = (text: string, dimensions: number) => {
    const vector = new Array<number>(dimensions).fill(0);
    for (const word of text
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean)) {
      const slot = conceptOf.has(word) ? conceptOf.get(word)! : concepts.length + (hash(word) % (dimensions - concepts.length));
      vector[slot]! += 1;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  };
  const handle = async (request: Http2ServerRequest, response: Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const match = /^\/model\/([^/]+)\/invoke$/.exec(request.url ?? "");
    if (down)
      return void response
        .writeHead(503, { "content-type": "application/json", "x-amzn-errortype": "ServiceUnavailableException" })
        .end('{"message":"down"}');
    if (request.method !== "POST" || !match) return void response.writeHead(404).end();
    const body = JSON.parse(Buffer.concat(chunks).toString()) as (typeof requests)[number]["body"];
    requests.push({ modelId: decodeURIComponent(match[1]!), body });
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ embedding: embed(body.inputText, body.dimensions), inputTextTokenCount: body.inputText.split(" ").length }),
    );
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setDown: (value: boolean) => {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const hash = (word: string) => [...word].reduce((value, character) => (Math.imul(value, 31) + character.charCodeAt(0)) >>> 0, 7);
