/**
 * `npx tsx bench/tool-search/harvest.ts [slug ...]`: installs the MCP servers of servers.ts into a
 * scratch directory outside the repo (one npm prefix per server, never the project's package.json),
 * starts each over stdio inside a network namespace with no network (`unshare --net`) and dummy
 * credentials, pages through tools/list and writes catalog.json beside this file. With slugs, only
 * those servers are harvested and merged into the existing catalog. Not run in CI.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { SERVERS, type ServerSpec } from "./servers.js";

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const CATALOG = join(HERE, "catalog.json");
const SCRATCH = process.env.MCP_HARVEST_DIR ?? "/tmp/mcp-harvest";
/** obsidian-mcp refuses vaults under /tmp and folders without .obsidian/app.json. */
const VAULT = process.env.MCP_HARVEST_VAULT ?? "/srv/mcp-harvest-vault";
const TIMEOUT_MS = Number(process.env.MCP_HARVEST_TIMEOUT_MS ?? 30_000);
const INSTALL_PARALLEL = 3;
const RUN_PARALLEL = 3;

interface CatalogTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: unknown;
}
interface CatalogEntry {
  package: string;
  name: string;
  slug: string;
  description: string;
  tools: CatalogTool[];
}
type Outcome = { ok: true; entry: CatalogEntry } | { ok: false; slug: string; reason: string };

/** Files some servers insist on at start: a directory to serve, a kubeconfig, OAuth client files. */
function prepareScratch() {
  for (const dir of ["files", "home"]) mkdirSync(join(SCRATCH, dir), { recursive: true });
  mkdirSync(join(VAULT, ".obsidian"), { recursive: true });
  writeFileSync(join(SCRATCH, "files", "README.md"), "# scratch\n");
  writeFileSync(join(VAULT, ".obsidian", "app.json"), "{}\n");
  writeFileSync(join(VAULT, "Welcome.md"), "# Welcome\n");
  const oauth = {
    installed: { client_id: "dummy.apps.googleusercontent.com", client_secret: "dummy", redirect_uris: ["http://localhost"] },
  };
  writeFileSync(join(SCRATCH, "gcp-oauth.keys.json"), JSON.stringify(oauth));
  const token = { access_token: "dummy", refresh_token: "dummy", token_type: "Bearer", expiry_date: 4102444800000 };
  for (const file of ["gmail-credentials.json", "gdrive-credentials.json"]) writeFileSync(join(SCRATCH, file), JSON.stringify(token));
  writeFileSync(
    join(SCRATCH, "kubeconfig"),
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters: [{name: dummy, cluster: {server: 'https://127.0.0.1:6443'}}]",
      "users: [{name: dummy, user: {token: dummy}}]",
      "contexts: [{name: dummy, context: {cluster: dummy, user: dummy}}]",
      "current-context: dummy",
      "",
    ].join("\n"),
  );
}

const prefixOf = (spec: ServerSpec) => join(SCRATCH, "servers", spec.slug);
const manifestOf = (spec: ServerSpec) => join(prefixOf(spec), "node_modules", spec.package, "package.json");

const installedVersion = (spec: ServerSpec) =>
  existsSync(manifestOf(spec)) ? (JSON.parse(readFileSync(manifestOf(spec), "utf8")) as { version: string }).version : undefined;

/** Installs the pinned version into the server's own prefix, unless it is there already. Returns an error, if any. */
async function install(spec: ServerSpec): Promise<string | undefined> {
  if (installedVersion(spec) === spec.version) return undefined;
  mkdirSync(prefixOf(spec), { recursive: true });
  const args = ["install", "--prefix", prefixOf(spec), "--no-save", "--ignore-scripts", "--no-audit", "--no-fund"];
  try {
    await run("npm", [...args, `${spec.package}@${spec.version}`], { cwd: SCRATCH, maxBuffer: 1 << 24 });
    return undefined;
  } catch (error) {
    return `npm install failed: ${lastLine(String((error as { stderr?: string }).stderr ?? error))}`;
  }
}

/** The JS file of the bin to start (run with this node): the one the spec names, else the package's first. */
function binOf(spec: ServerSpec): string {
  const manifest = JSON.parse(readFileSync(manifestOf(spec), "utf8")) as { name: string; bin?: string | Record<string, string> };
  const bins = typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  const file = spec.bin === undefined ? Object.values(bins)[0] : bins[spec.bin];
  if (file === undefined) throw new Error(`${spec.package} has no bin ${spec.bin ?? ""}`);
  return join(prefixOf(spec), "node_modules", spec.package, file);
}

const fill = (value: string) => value.replaceAll("{scratch}", SCRATCH).replaceAll("{vault}", VAULT);
const lastLine = (text: string) =>
  text
    .trim()
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-3)
    .join(" | ")
    .replace(/\s+/g, " ")
    .slice(0, 300);

function cleanTool({ name, title, description, inputSchema }: CatalogTool): CatalogTool {
  return { name, ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }), inputSchema };
}

async function listTools(spec: ServerSpec): Promise<Outcome> {
  const env: Record<string, string> = {
    HOME: join(SCRATCH, "home"),
    NO_UPDATE_NOTIFIER: "1",
    DO_NOT_TRACK: "1",
    NODE_OPTIONS: "--no-deprecation",
  };
  for (const [key, value] of Object.entries(spec.env ?? {})) env[key] = fill(value);
  const transport = new StdioClientTransport({
    command: "unshare",
    args: ["--net", "--", process.execPath, binOf(spec), ...(spec.args ?? []).map(fill)],
    env,
    cwd: join(SCRATCH, "files"),
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const client = new Client({ name: "tool-search-harvest", version: "1.0.0" });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    const tools: CatalogTool[] = [];
    const work = async () => {
      await client.connect(transport);
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor });
        tools.push(...page.tools.map(cleanTool));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    };
    await Promise.race([work(), timeout]);
    if (tools.length === 0) return { ok: false, slug: spec.slug, reason: "listed no tools" };
    const entry = { package: spec.package, name: spec.name, slug: spec.slug, description: spec.description, tools };
    return { ok: true, entry };
  } catch (error) {
    const detail = lastLine(stderr);
    return { ok: false, slug: spec.slug, reason: `${lastLine((error as Error).message)}${detail ? ` — stderr: ${detail}` : ""}` };
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => undefined);
  }
}

/** Runs `task` over `items`, at most `width` at a time, keeping the input order in the results. */
async function pool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

async function harvest(spec: ServerSpec, installError: string | undefined): Promise<Outcome> {
  const outcome = installError === undefined ? await listTools(spec) : { ok: false as const, slug: spec.slug, reason: installError };
  console.log(outcome.ok ? `ok   ${spec.slug}: ${outcome.entry.tools.length} tools` : `FAIL ${spec.slug}: ${outcome.reason}`);
  return outcome;
}

async function main() {
  const only = process.argv.slice(2);
  const specs = only.length === 0 ? SERVERS : SERVERS.filter((spec) => only.includes(spec.slug));
  await run("unshare", ["--net", "true"]).catch(() => {
    throw new Error("`unshare --net` does not work here: run as root, and apt-get install -y util-linux");
  });
  prepareScratch();
  const installErrors = await pool(specs, INSTALL_PARALLEL, install);
  const outcomes = await pool(specs, RUN_PARALLEL, (spec) => harvest(spec, installErrors[specs.indexOf(spec)]));
  const kept = only.length === 0 || !existsSync(CATALOG) ? [] : (JSON.parse(readFileSync(CATALOG, "utf8")) as CatalogEntry[]);
  const fresh = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.entry] : []));
  const bySlug = new Map([...kept, ...fresh].map((entry) => [entry.slug, entry]));
  const catalog = [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  writeFileSync(CATALOG, `${JSON.stringify(catalog, null, 2)}\n`);
  await run(join(HERE, "../../node_modules/.bin/prettier"), ["--write", CATALOG]);
  const failures = outcomes.filter((outcome) => !outcome.ok);
  console.log(`\n${fresh.length}/${specs.length} servers listed; catalog has ${catalog.length} servers.`);
  for (const failure of failures) if (!failure.ok) console.log(`failed: ${failure.slug}: ${failure.reason}`);
}

await main();
