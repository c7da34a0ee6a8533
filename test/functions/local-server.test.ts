import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bootLocalServer as boot, START } from "../support/local-server.js";
import { ROOT, type RunningProcess, runScript, startScript } from "../support/processes.js";
import { CREATE, LIST } from "../graphql/server-fields.js";
import { startAuthorizationServer } from "../support/oauth/authorization-server.js";
import { authorizeInBrowser } from "../support/oauth/browser.js";
import { startProtectedMcpServer } from "../support/oauth/protected-mcp-server.js";

const TOKEN = "functions/cli/token.ts";

const keyId = (jwt: string) => (JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()) as { kid: string }).kid;

describe("npm start", () => {
  let running: RunningProcess | undefined;
  afterEach(async () => {
    await running?.stop("SIGKILL");
  });

  it("serves GraphQL with a printed admin token, stops cleanly on SIGTERM and keeps data across restarts", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "local-server-"));
    const first = await boot(dataDir);
    running = first.server;

    const graphiql = await fetch(first.url, { headers: { accept: "text/html" } });
    expect(graphiql.status).toBe(200);
    // The page carries its own GraphiQL bundle: nothing is fetched from a CDN.
    expect(await graphiql.text()).not.toMatch(/<script[^>]+src=["']?https?:|unpkg\.com/);
    // The demo MCP server is registered and validated on first boot, so tools show at once.
    const demo = await first.gql(first.token, `{ mcpServers { name status tools { qualifiedName labels requiresApproval } } }`);
    expect(demo.data.mcpServers).toEqual([
      {
        name: "Demo Orders",
        status: "CONNECTED",
        tools: [
          { qualifiedName: "mcp__demo_orders__lookup_order", labels: ["READ"], requiresApproval: false },
          { qualifiedName: "mcp__demo_orders__refund_order", labels: ["WRITE"], requiresApproval: true },
        ],
      },
    ]);
    const created = await first.gql(first.token, CREATE, {
      // On loopback: the server checks every new server at once, and tests reach nothing beyond loopback.
      input: {
        name: "Persistent",
        url: first.url.replace(/\/graphql$/, "/demo/mcp"),
        headers: [{ name: "X-Key", value: "kept-secret-123456" }],
      },
    });
    expect(created.data.createMcpServer).toMatchObject({ name: "Persistent", visibility: "SHARED" });
    expect(await first.server.stop("SIGTERM")).toBe(0);
    expect(first.server.stdout()).toContain('"message":"stopping"');

    for (const file of ["master.key", "auth-key.json"]) expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);

    const second = await boot(dataDir);
    running = second.server;
    const token = second.token;
    const listed = await second.gql(second.token, LIST);
    expect(listed.data.mcpServers).toEqual([
      expect.objectContaining({ name: "Demo Orders" }),
      expect.objectContaining({ name: "Persistent", headers: [{ name: "X-Key", preview: "••••3456" }] }),
    ]);

    // A token from the CLI, signed with the same data dir's key, is trusted by the running server.
    const cli = await runScript(TOKEN, ["--tenant", "demo", "--user", "bob"], { DATA_DIR: dataDir });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    // Which key of which data dir signed it goes to stderr (the key already there, not a new one).
    expect(cli.stderr).toBe(
      `Signed with key ${keyId(cli.stdout)} (${dataDir}/auth-key.json): trusted by npm start with DATA_DIR=${dataDir}\n`,
    );
    const asBob = await second.gql(cli.stdout.trim(), LIST);
    expect(asBob.data.mcpServers.map((s: { name: string }) => s.name)).toEqual(["Demo Orders", "Persistent"]);
    const bobCreates = await second.gql(cli.stdout.trim(), CREATE, {
      input: { name: "Bob's", url: "https://e.com", visibility: "SHARED" },
    });
    expect(bobCreates.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // A token minted against another data dir: the server says it is signed by another key, and which data dir it uses.
    const elsewhere = await runScript(TOKEN, ["--tenant", "demo", "--user", "bob"], { DATA_DIR: await mkdtemp(join(tmpdir(), "other-")) });
    expect(elsewhere.stderr).toMatch(/^Signed with a new key local-/);
    const refused = await second.gql(elsewhere.stdout.trim(), LIST);
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(refused.errors?.[0]?.message).toContain(
      `The token is signed by another key, not this server's (key ${keyId(token)} of the data dir ${dataDir})`,
    );
    expect(await second.server.stop("SIGINT")).toBe(0);
  });

  it("boots on a fresh data dir with OUTBOUND_ALLOW_LOOPBACK=false, leaving out the demo server it could not reach", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "local-server-no-loopback-"));
    const strict = await boot(dataDir, { OUTBOUND_ALLOW_LOOPBACK: "false" });
    running = strict.server;
    expect(strict.server.stdout()).toMatch(/Demo MCP: .*not registered: OUTBOUND_ALLOW_LOOPBACK=false/);
    expect((await strict.gql(strict.token, LIST)).data.mcpServers).toEqual([]);
    // The policy holds for everyone else too: a loopback server is refused, nothing stored.
    const refused = await strict.gql(strict.token, CREATE, {
      input: { name: "Local", url: strict.url.replace(/\/graphql$/, "/demo/mcp") },
    });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "url" } });
    expect(refused.errors?.[0]?.message).toMatch(/loopback/);
    expect(await strict.server.stop("SIGTERM")).toBe(0);

    // Allowed again, the same data dir gets its demo server: nothing marked it as seeded.
    const relaxed = await boot(dataDir);
    running = relaxed.server;
    const listed = await relaxed.gql(relaxed.token, LIST);
    expect(listed.data.mcpServers.map((server: { name: string }) => server.name)).toEqual(["Demo Orders"]);
    expect(await relaxed.server.stop("SIGTERM")).toBe(0);
  }, 90_000);
});

describe("npm start and OAuth", () => {
  let running: RunningProcess | undefined;
  afterEach(async () => {
    await running?.stop("SIGKILL");
  });

  it("serves GET /oauth/callback and completeOAuth: a user connects an OAuth server end to end over HTTP", async () => {
    const as = await startAuthorizationServer();
    const mcp = await startProtectedMcpServer(as);
    try {
      const local = await boot(await mkdtemp(join(tmpdir(), "local-oauth-")));
      running = local.server;
      const created = await local.gql(local.token, CREATE, {
        input: { name: "Tickets", url: mcp.url, authType: "OAUTH2", oauthScopes: ["mcp:tools"] },
      });
      const id = created.data.createMcpServer.id;
      const started = await local.gql(local.token, `mutation($id: ID!) { startOAuth(serverId: $id) { authorizationUrl } }`, { id });
      const callbackUrl = local.url.replace("/graphql", "/oauth/callback");
      const landing = await authorizeInBrowser(started.data.startOAuth.authorizationUrl, "admin", callbackUrl);
      const page = await fetch(landing);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("completeOAuth(");
      const { searchParams } = new URL(landing);
      const completion = `mutation($state: String!, $code: String!, $iss: String) { completeOAuth(state: $state, code: $code, iss: $iss) { name } }`;
      const completed = await local.gql(local.token, completion, {
        state: searchParams.get("state"),
        code: searchParams.get("code"),
        iss: searchParams.get("iss"),
      });
      expect(completed.data.completeOAuth).toEqual({ name: "Tickets" });
      const statuses = await local.gql(local.token, `{ connectorStatuses { server { name } status } }`);
      expect(statuses.data.connectorStatuses).toContainEqual({ server: { name: "Tickets" }, status: "CONNECTED" });
    } finally {
      await mcp.close();
      await as.close();
    }
  });
});

describe("npm start's public endpoints", () => {
  let running: RunningProcess | undefined;
  afterEach(async () => {
    await running?.stop("SIGKILL");
  });

  it("serves the identity JWKS and the OAuth client metadata document", async () => {
    const local = await boot(await mkdtemp(join(tmpdir(), "local-public-")));
    running = local.server;
    const base = local.url.replace("/graphql", "");
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", alg: "ES256", use: "sig" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
    const document = (await (await fetch(`${base}/oauth/client-metadata.json`)).json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      client_id: `${base}/oauth/client-metadata.json`,
      redirect_uris: [`${base}/oauth/callback`],
      token_endpoint_auth_method: "none",
    });
  });
});

describe("npm run token", () => {
  it("prints a token carrying the claims asked for, and nothing else", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "token-cli-"));
    const { code, stdout } = await runScript(
      TOKEN,
      ["--tenant", "acme", "--user", "alice", "--role", "admin", "--agent", "support-bot", "--ttl", "600"],
      { DATA_DIR: dataDir },
    );
    expect(code).toBe(0);
    const [, payload] = stdout.trim().split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    expect(claims).toMatchObject({ tenant: "acme", sub: "alice", roles: ["admin"], agent: "support-bot" });
    expect(claims.exp - claims.iat).toBe(600);
  });

  it.each([
    [["--user", "alice"], /--tenant and --user are required/],
    [["--tenant", "a#b", "--user", "alice"], /characters a token may not carry/],
    [["--tenant", "acme", "--user", "alice", "--ttl", "-5"], /--ttl/],
    [["--tenant", "acme", "--user", "alice", "--bogus"], /Unknown option/],
  ])("refuses %j with a usage message and exit code 2", async (args, message) => {
    const dataDir = await mkdtemp(join(tmpdir(), "token-cli-"));
    const { code, stdout, stderr } = await runScript(TOKEN, args, { DATA_DIR: dataDir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});

describe("npm's own output", () => {
  const npm = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile("npm", args, { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });

  it("is not silenced for the project (npm install shows what it does)", async () => {
    expect((await npm(["config", "get", "loglevel"])).stdout.trim()).not.toBe("silent");
  });

  it("stays off stdout with `npm run -s token`, which the README shows: the token alone", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "token-npm-"));
    const { code, stdout } = await npm(["run", "-s", "token", "--", "--tenant", "demo", "--user", "bob"], { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });
});

/** A Node older than 22 on the PATH (not the one node_modules/.bin puts first), where the AWS SDK prints its banner. */
function olderNodeDir(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules") || !existsSync(join(dir, "node"))) continue;
    const major = Number(execFileSync(join(dir, "node"), ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }));
    if (major < 22) return dir;
  }
  return undefined;
}

describe.skipIf(!olderNodeDir())("npm start on a Node the AWS SDK warns about", () => {
  it("prints one short line instead of the SDK's banner", async () => {
    const env = {
      DATA_DIR: await mkdtemp(join(tmpdir(), "local-node20-")),
      PORT: "0",
      PATH: `${olderNodeDir()}${delimiter}${process.env.PATH}`,
    };
    const server = startScript(START, env);
    try {
      await server.waitFor(/GraphiQL:/, 60_000);
      expect(server.stdout()).toMatch(/^Node v\d+\.\d+\.\d+ works; AWS SDK releases from 2027 will need Node 22 or later\.\n/);
      expect(server.stdout()).not.toContain("NodeVersionSupportWarning");
    } finally {
      expect(await server.stop("SIGTERM")).toBe(0);
    }
  });
});
