import { readdirSync, statSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../../", import.meta.url);

/** What the search adds to a Lambda: its code and dependencies bundled (minified), and its resource files. */
export async function footprint() {
  const bundle = await build({
    entryPoints: [new URL("adapters/search/embedded-tool-index.ts", root).pathname],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    write: false,
  });
  const codeBytes = bundle.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
  const resources = new URL("adapters/search/resources/", root);
  const resourceBytes = readdirSync(resources).reduce((sum, file) => sum + statSync(new URL(file, resources)).size, 0);
  const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(2));
  return { codeMb: mb(codeBytes), resourcesMb: mb(resourceBytes), addedBundleMb: mb(codeBytes + resourceBytes) };
}
