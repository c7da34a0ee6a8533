import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import plugins from "./esbuild-plugins.mjs";

/** Every Lambda handler sst.config.ts deploys, by name. */
export const HANDLERS = {
  graphql: "functions/graphql.ts",
  mcp: "functions/mcp.ts",
  public: "functions/public.ts",
  "refresh-tools": "functions/jobs/refresh-tools.ts",
  "oauth-refresh": "functions/jobs/oauth-refresh.ts",
  "check-server": "functions/jobs/check-server.ts",
  "ws-connect": "functions/ws/connect.ts",
  "ws-disconnect": "functions/ws/disconnect.ts",
  "ws-message": "functions/ws/message.ts",
  "ws-deliver": "functions/ws/deliver.ts",
} as const;

export type HandlerName = keyof typeof HANDLERS;

export const BUNDLE_DIR = ".build/lambda";

/**
 * Bundles one handler as SST does for a Node function: ESM for Node 22, minified, everything
 * bundled, with the `require` shim its ESM banner adds for CommonJS dependencies.
 */
export const bundleHandler = (name: HandlerName, outDir = BUNDLE_DIR) => bundleEntry(HANDLERS[name], join(outDir, name));

/**
 * One handler's package: `index.mjs`, what a cold start parses, and the chunks it imports
 * lazily (code splitting, as `nodejs.splitting` asks SST to do).
 */
export async function bundleEntry(entry: string, dir: string): Promise<{ file: string; dir: string; metafile: Metafile }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: { index: entry },
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: true,
    mainFields: ["module", "main"],
    banner: {
      js: `import { createRequire as topLevelCreateRequire } from "module"; const require = topLevelCreateRequire(import.meta.url);`,
    },
    plugins,
    // As sst.config.ts: libraries drop their development-only checks (graphql-js's realm check costs on every field).
    define: { "process.env.NODE_ENV": '"production"' },
    metafile: true,
    logLevel: "error",
  });
  return { file: join(dir, "index.mjs"), dir, metafile: result.metafile };
}

/** The outputs a cold start loads: the entry and every chunk it imports statically, transitively. */
function loadedAtStart(metafile: Metafile, entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (output: string) => {
    if (loaded.has(output)) return;
    loaded.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? [])
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(entry);
  return loaded;
}

/** The source files a cold start parses: every input of the entry and of the chunks it imports statically. */
export function coldStartInputs(metafile: Metafile): string[] {
  const entry = Object.keys(metafile.outputs).find((output) => output.endsWith("/index.mjs"))!;
  return [...loadedAtStart(metafile, entry)].flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}));
}

/**
 * A package's sizes: what a cold start parses (the entry and its static chunks), everything,
 * and everything deflated as in the zip Lambda receives.
 */
export function packageSizes({ dir, metafile }: { dir: string; metafile: Metafile }) {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".mjs"));
  const contents = files.map((file) => readFileSync(join(dir, file)));
  const entry = Object.keys(metafile.outputs).find((output) => output.endsWith("/index.mjs"))!;
  return {
    coldStartBytes: [...loadedAtStart(metafile, entry)].reduce((sum, output) => sum + statSync(output).size, 0),
    totalBytes: contents.reduce((sum, code) => sum + code.length, 0),
    zippedBytes: contents.reduce((sum, code) => sum + deflateRawSync(code, { level: 9 }).length, 0),
    chunks: files.length - 1,
  };
}
