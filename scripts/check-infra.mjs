// Type-checks sst.config.ts offline: `sst install` writes SST's platform types into .sst/platform
// (its providers come from the npm registry through the Bun binary the npm package
// @oven/bun-linux-x64 ships), then tsc checks the config against them.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), "..");
const bun = join(dirname(require.resolve("@oven/bun-linux-x64/package.json")), "bin", "bun");
const env = {
  ...process.env,
  SST_SKIP_DEPENDENCY_CHECK: "1",
  SST_TELEMETRY_DISABLED: "1",
  SST_BUN_PATH: bun,
  SST_STAGE: process.env.SST_STAGE ?? "check",
};
const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: "inherit" });

if (!existsSync(join(root, ".sst/platform/config.d.ts"))) run(join(root, "node_modules/.bin/sst"), ["install"]);
run(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.infra.json"]);
console.log("sst.config.ts type-checks.");
