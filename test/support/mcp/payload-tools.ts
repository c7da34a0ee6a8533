import { createHash } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { ServerState } from "./sdk-server.js";

/** `length` characters of base64 that gzip cannot shrink, the same for the same length (tests know what a tool sent). */
export function incompressibleText(length: number): string {
  const digests: Buffer[] = [];
  for (let index = 0; digests.length * 32 < (length * 3) / 4 + 32; index++)
    digests.push(createHash("sha256").update(`${length}:${index}`).digest());
  return Buffer.concat(digests).toString("base64").slice(0, length);
}

/** `{ a: { a: ... 1 } }`, `levels` objects deep. */
export function nestedObject(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 };
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

/**
 * Tools for payload limits (pass as `extraTools`): `big` answers `length` characters of text,
 * incompressible unless `repeated`; `keys` accepts any arguments at all.
 */
export function payloadTools(server: McpServer, state: ServerState) {
  const count = (name: string) => (state.calls[name] = (state.calls[name] ?? 0) + 1);
  server.registerTool(
    "big",
    {
      description: "Answers length characters of text",
      inputSchema: { length: z.number().int().min(0), repeated: z.boolean().optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ length, repeated }) => {
      count("big");
      return { content: [{ type: "text", text: repeated ? "x".repeat(length) : incompressibleText(length) }] };
    },
  );
  server.registerTool(
    "keys",
    { description: "Accepts any arguments", inputSchema: z.looseObject({}), annotations: { readOnlyHint: true } },
    async () => {
      count("keys");
      return { content: [{ type: "text", text: "received" }] };
    },
  );
}
