import { createGraphQLError, type GraphQLParams, type Plugin } from "graphql-yoga";

const tooLarge = (maxBytes: number) =>
  createGraphQLError(`Request body larger than ${maxBytes} bytes`, {
    extensions: { code: "BAD_USER_INPUT", http: { status: 413 } },
  });

/** Reads at most `maxBytes` of a body, whatever Content-Length claims (it may be absent or lie). */
async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Caps the size of JSON request bodies before they are parsed. */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== "POST") return;
      setRequestParser(async (req) => {
        const text = await readCapped(req, maxBytes);
        try {
          return JSON.parse(text) as GraphQLParams;
        } catch {
          throw createGraphQLError("Request body is not valid JSON", { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
        }
      });
    },
  };
}
