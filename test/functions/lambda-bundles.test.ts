import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleEntry, coldStartInputs, HANDLERS, type HandlerName } from "../../scripts/lambda-bundles.js";

const out = mkdtempSync(join(tmpdir(), "lambda-bundles-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const packagesIn = (paths: string[]) => new Set(paths.flatMap((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? []));

/** The packages in a handler's whole bundle (every chunk), bundled as SST bundles it. */
async function packagesOf(name: HandlerName): Promise<Set<string>> {
  const { metafile } = await bundleEntry(HANDLERS[name], join(out, name));
  return packagesIn(Object.keys(metafile.inputs));
}

/** The packages a handler's cold start parses (its entry and the chunks that imports statically). */
async function coldStartPackagesOf(name: HandlerName): Promise<Set<string>> {
  const { metafile } = await bundleEntry(HANDLERS[name], join(out, `${name}-cold`));
  return packagesIn(coldStartInputs(metafile));
}

const GRAPHQL_STACK = ["graphql", "graphql-yoga", "@pothos/core", "@escape.tech/graphql-armor"];

describe("each Lambda handler carries only what it uses", () => {
  it.each(["refresh-tools", "oauth-refresh", "check-server", "public"] as const)("%s carries no GraphQL", async (name) => {
    const packages = await packagesOf(name);
    expect(GRAPHQL_STACK.filter((name) => packages.has(name))).toEqual([]);
    expect(packages.has("@aws-sdk/client-dynamodb")).toBe(true);
  });

  it("the MCP endpoint carries no GraphQL schema builder or server", async () => {
    const packages = await packagesOf("mcp");
    expect(GRAPHQL_STACK.filter((name) => packages.has(name))).toEqual([]);
    expect(packages.has("@modelcontextprotocol/server")).toBe(true);
  });

  it.each(["ws-connect", "ws-disconnect"] as const)("%s carries neither GraphQL, KMS nor the MCP SDKs", async (name) => {
    const packages = await packagesOf(name);
    const heavy = [
      ...GRAPHQL_STACK,
      "@aws-sdk/client-kms",
      "@modelcontextprotocol/client",
      "@modelcontextprotocol/server",
      "undici",
      "zod",
    ];
    expect(heavy.filter((name) => packages.has(name))).toEqual([]);
  });

  it.each(["graphql", "mcp", "refresh-tools", "check-server", "public"] as const)(
    "%s loads the outbound stack (undici, the MCP client SDK) on first use, not at cold start",
    async (name) => {
      const atStart = await coldStartPackagesOf(name);
      expect(["undici", "@modelcontextprotocol/client"].filter((lazy) => atStart.has(lazy))).toEqual([]);
      expect((await packagesOf(name)).has("undici")).toBe(true);
    },
  );

  it("the GraphQL handler does carry the schema (the test above would pass on an empty bundle otherwise)", async () => {
    const packages = await packagesOf("graphql");
    expect(GRAPHQL_STACK.filter((name) => packages.has(name))).toEqual(GRAPHQL_STACK);
  });
});
