import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { startServedApi } from "../support/http-api.js";
import { ROOT } from "../support/processes.js";
import { alice, carol, type TestApi } from "../support/test-api.js";
import { CREATE } from "../graphql/server-fields.js";

const INSPECTOR = `${ROOT}node_modules/@modelcontextprotocol/inspector-cli/build/index.js`;

let api: TestApi;
let origin: string;
let upstream: SdkServer;
let closeApi: () => Promise<void>;

beforeAll(async () => {
  upstream = await startSdkServer();
  ({ api, origin, close: closeApi } = await startServedApi());
  await api.gql(alice, CREATE, { input: { name: "Notes", url: upstream.url } });
}, 60_000);

afterAll(async () => {
  await closeApi();
  await upstream.close();
});

/** The MCP Inspector's CLI, as a user would run it (it looks for a package.json above its working directory, so it runs from test/). */
function inspector(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [INSPECTOR, ...args], { cwd: `${ROOT}test`, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("the MCP Inspector CLI against /mcp", () => {
  it("lists the caller's tools and calls one with the same bearer token as GraphQL", async () => {
    const auth = ["--header", `Authorization: Bearer ${await api.tokenFor(carol)}`];
    const listed = await inspector([`${origin}/mcp`, "--transport", "http", "--method", "tools/list", ...auth]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).tools.map((tool: { name: string }) => tool.name)).toEqual(
      expect.arrayContaining(["mcp__notes__echo"]),
    );
    const called = await inspector([
      `${origin}/mcp`,
      ...["--transport", "http", "--method", "tools/call", "--tool-name", "mcp__notes__echo", "--tool-arg", "message=from the inspector"],
      ...auth,
    ]);
    expect(called.code, called.stderr).toBe(0);
    expect(JSON.parse(called.stdout)).toMatchObject({ content: [{ type: "text", text: "from the inspector" }] });
  });

  it("is refused without a token", async () => {
    const refused = await inspector([`${origin}/mcp`, "--transport", "http", "--method", "tools/list"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/401|Unauthorized|invalid_token/i);
  });
});
