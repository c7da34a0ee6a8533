// Finds a Chromium for the browser tests: CHROMIUM_PATH, else `chromium`/`chromium-browser` on the PATH;
// in CI as root on Debian it installs the `chromium` package with apt-get. Otherwise it says why there is none,
// so the browser test can skip with that reason instead of failing on a machine that cannot have a browser.
import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const NAMES = ["chromium", "chromium-browser"];

function onPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

/** @returns {{ path: string } | { path: undefined, reason: string }} */
export function installChromium() {
  const found = onPath();
  if (found) return { path: found };
  const root = process.getuid?.() === 0;
  const ci = process.env.CI === "true" || process.env.CI === "1";
  if (!root || !ci) {
    return {
      path: undefined,
      reason: `no chromium on the PATH, and not installing one (needs CI=true and root; CI=${process.env.CI ?? "unset"})`,
    };
  }
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
  } catch (error) {
    return { path: undefined, reason: `apt-get could not install chromium: ${error instanceof Error ? error.message : String(error)}` };
  }
  const installed = onPath();
  return installed ? { path: installed } : { path: undefined, reason: "apt-get installed chromium, yet it is not on the PATH" };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const result = installChromium();
  console.log(result.path ?? result.reason);
  process.exit(result.path ? 0 : 1);
}
