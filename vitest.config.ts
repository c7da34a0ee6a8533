import { defineConfig } from "vitest/config";

export default defineConfig({
  // graphql ships both .mjs and .js; Pothos and yoga load the CommonJS build, so tests must too,
  // or two graphql instances meet ("Cannot use GraphQLScalarType from another module").
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: files run in parallel forks; each suite starts its own loopback servers on port 0.
    pool: "forks",
  },
});
