import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningProcess, runScript, startScript } from "../support/processes.js";
import { CREATE, LIST } from "../graphql/server-fields.js";
import { startAuthorizationServer } from "../support/oauth/authorization-server.js";
import { authorizeInBrowser } from "../support/oauth/browser.js";
import { startProtectedMcpServer } from "../support/oauth/protected-mcp-server.js";

const START = "functions/local/start.ts";
const TOKEN = "functions/cli/token.ts";

async function boot(dataDir: string) {
  const server = startScript(START, { DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" });
  const [, url] = await server.waitFor(/GraphiQL:\s+(http:\/\/127\.0\.0\.1:\d+\/graphql)/);
  const [, token] = await server.waitFor(/\n(eyJ[\w-]+\.[\w-]+\.[\w-]+)\n/);
  const gql = async (bearer: string, query: string, variables?: object) => {
    const response = await fetch(url!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json() as Promise<{ data?: any; errors?: any[] }>;
  };
  return { server, url: url!, token: token!, gql };
}

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
    const listed = await second.gql(second.token, LIST);
    expect(listed.data.mcpServers).toEqual([
      expect.objectContaining({ name: "Demo Orders" }),
      expect.objectContaining({ name: "Persistent", headers: [{ name: "X-Key", preview: "••••3456" }] }),
    ]);

    // A token from the CLI, signed with the same data dir's key, is trusted by the running server.
    const cli = await runScript(TOKEN, ["--tenant", "demo", "--user", "bob"], { DATA_DIR: dataDir });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const asBob = await second.gql(cli.stdout.trim(), LIST);
    expect(asBob.data.mcpServers.map((s: { name: string }) => s.name)).toEqual(["Demo Orders", "Persistent"]);
    const bobCreates = await second.gql(cli.stdout.trim(), CREATE, {
      input: { name: "Bob's", url: "https://e.com", visibility: "SHARED" },
    });
    expect(bobCreates.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await second.server.stop("SIGINT")).toBe(0);
  });
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
