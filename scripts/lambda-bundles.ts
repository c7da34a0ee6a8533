import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { build, type Metafile } from "esbuild";
import plugins from "./esbuild-plugins.mjs";

/** Every Lambda handler sst.config.ts deploys, by name. */
export const HANDLERS = {
  graphql: "functions/graphql.ts",
  mcp: "functions/mcp.ts",
  public: "functions/public.ts",
  "refresh-tools": "functions/jobs/refresh-tools.ts",
  "oauth-refresh": "functions/jobs/oauth-refresh.ts",
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
export const bundleHandler = (name: HandlerName, outDir = BUNDLE_DIR) => bundleEntry(HANDLERS[name], join(outDir, name, "index.mjs"));

export async function bundleEntry(entry: string, file: string): Promise<{ file: string; metafile: Metafile }> {
  mkdirSync(dirname(file), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile: file,
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
    metafile: true,
    logLevel: "error",
  });
  return { file, metafile: result.metafile };
}
