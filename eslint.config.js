// Lint rules, including the dependency direction of ARCHITECTURE.md:
//   functions -> graphql -> domain <- adapters,   functions -> mcp-endpoint -> domain,   functions -> adapters.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const infrastructure = [
  "@aws-sdk/*",
  "@aws-lambda-powertools/*",
  "sst",
  "sst/*",
  "graphql",
  "graphql/*",
  "graphql-yoga",
  "@pothos/*",
  "@modelcontextprotocol/*",
];
const layer = (name) => [`../${name}`, `../${name}/*`, `../../${name}`, `../../${name}/*`, `../../../${name}/*`];
const boundary = (message, groups) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ["node_modules/", ".sst/", ".data/", ".cache/", ".build/", "sst-env.d.ts", "sst.config.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Branchy functions hide rules: split them (a rule per function, a table per rule).
      complexity: ["error", 12],
      // Async functions that implement a promise-returning port need no await.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  {
    files: ["domain/**/*.ts"],
    rules: boundary("domain/ is pure: state a port and receive an implementation.", [
      ...infrastructure,
      ...layer("adapters"),
      ...layer("graphql"),
      ...layer("functions"),
    ]),
  },
  {
    files: ["adapters/**/*.ts"],
    rules: boundary("adapters/ implement domain ports; they never reach up into graphql/ or functions/.", [
      ...layer("graphql"),
      ...layer("functions"),
    ]),
  },
  {
    files: ["graphql/**/*.ts"],
    rules: boundary("graphql/ talks to domain services; only functions/ constructs adapters.", [
      "@aws-sdk/*",
      "sst",
      ...layer("adapters"),
      ...layer("functions"),
    ]),
  },
  {
    files: ["mcp-endpoint/**/*.ts"],
    rules: boundary("mcp-endpoint/ is an edge like graphql/: it talks to domain services and the MCP server SDK only.", [
      "@aws-sdk/*",
      "sst",
      "graphql",
      "@pothos/*",
      "@modelcontextprotocol/sdk",
      "@modelcontextprotocol/sdk/*",
      ...layer("adapters"),
      ...layer("graphql"),
      ...layer("functions"),
    ]),
  },
  {
    files: ["functions/**/*.ts", "scripts/**/*.ts", "scripts/**/*.mjs", "bench/**/*.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // Tests and benchmarks read loosely typed JSON responses; promises and complexity are still checked.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
);
