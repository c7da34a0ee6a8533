import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import type { Metafile } from "esbuild";
import { bundleHandler, HANDLERS, type HandlerName } from "./lambda-bundles.js";

/** The packages (or project folders) that weigh most in a bundle. */
function heaviest(metafile: Metafile, count = 4) {
  const weights = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split("/")[0]!;
      weights.set(owner, (weights.get(owner) ?? 0) + bytesInOutput);
    }
  }
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)} KB`);
}

/** `npm run build:lambda`: bundles every handler as SST would and prints their sizes (raw and zipped). */
const rows = [];
for (const name of Object.keys(HANDLERS) as HandlerName[]) {
  const { file, metafile } = await bundleHandler(name);
  const code = readFileSync(file);
  rows.push({ handler: name, rawBytes: code.length, zippedBytes: deflateRawSync(code, { level: 9 }).length, heaviest: heaviest(metafile) });
}
console.table(rows.map(({ heaviest: _, ...row }) => ({ ...row, rawMB: (row.rawBytes / 1e6).toFixed(2) })));
console.log(JSON.stringify({ bundles: rows }, null, 2));
