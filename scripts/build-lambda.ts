import type { Metafile } from "esbuild";
import { bundleHandler, HANDLERS, type HandlerName, packageSizes } from "./lambda-bundles.js";

/** The packages (or project folders) that weigh most in what a cold start parses. */
function heaviest(metafile: Metafile, count = 4) {
  const weights = new Map<string, number>();
  const entry = Object.entries(metafile.outputs).find(([path]) => path.endsWith("index.mjs"))?.[1];
  for (const [path, { bytesInOutput }] of Object.entries(entry?.inputs ?? {})) {
    const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split("/")[0]!;
    weights.set(owner, (weights.get(owner) ?? 0) + bytesInOutput);
  }
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)} KB`);
}

/** `npm run build:lambda`: bundles every handler as SST does into .build/lambda and prints their sizes. */
const rows = [];
for (const name of Object.keys(HANDLERS) as HandlerName[]) {
  const bundle = await bundleHandler(name);
  rows.push({ handler: name, ...packageSizes(bundle), heaviestInEntry: heaviest(bundle.metafile) });
}
console.table(rows.map(({ heaviestInEntry: _, ...row }) => row));
console.log(JSON.stringify({ bundles: rows }, null, 2));
