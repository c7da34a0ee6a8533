// esbuild plugins for every Lambda bundle: sst.config.ts names this file (`nodejs.plugins`)
// and `npm run build:lambda` uses it too, so both bundle the same way.

/**
 * zod ships every locale's error messages and re-exports them all; errors here are in English,
 * so the locale index is replaced by the English one (about 150 KB less per bundle).
 */
const englishOnlyZod = {
  name: "english-only-zod",
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes("/zod/") ? { path: "zod-english-locales", namespace: "zod-locales" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({
      contents: `export { default as en } from "zod/v4/locales/en.js";`,
      resolveDir: process.cwd(),
      loader: "js",
    }));
  },
};

export default [englishOnlyZod];
