import { readdirSync, statSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../../", import.meta.url);

/** Bytes of a module bundled with its dependencies, minified, as a Lambda bundler would. */
async function bundledBytes(module: string) {
  const bundle = await build({
    entryPoints: [new URL(module, root).pathname],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    write: false,
  });
  return bundle.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
}

/** What the search adds to a Lambda: its code and dependencies, its resource files, and (optional) the Bedrock client. */
export async function footprint() {
  const codeBytes = await bundledBytes("adapters/search/embedded-tool-index.ts");
  const bedrockBytes = await bundledBytes("adapters/search/bedrock-embedder.ts");
  const resources = new URL("adapters/search/resources/", root);
  const resourceBytes = readdirSync(resources).reduce((sum, file) => sum + statSync(new URL(file, resources)).size, 0);
  const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(2));
  return {
    codeMb: mb(codeBytes),
    resourcesMb: mb(resourceBytes),
    addedBundleMb: mb(codeBytes + resourceBytes),
    bedrockClientMb: mb(bedrockBytes),
  };
}
