// Installs DynamoDB Local (AWS's emulator) for the store tests: only the emulator/ folder of the
// npm package amplify-dynamodb-simulator, unpacked from `npm pack` into .cache/ (no dependencies).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const VERSION = "2.9.30";
const root = join(dirname(new URL(import.meta.url).pathname), "..");
export const emulatorDir = join(root, ".cache", `dynamodb-local-${VERSION}`);

export function installDynamoDbLocal() {
  if (existsSync(join(emulatorDir, "DynamoDBLocal.jar"))) return emulatorDir;
  const work = mkdtempSync(join(tmpdir(), "dynamodb-local-"));
  try {
    const tarball = execFileSync("npm", ["pack", `amplify-dynamodb-simulator@${VERSION}`, "--silent"], { cwd: work, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["xzf", tarball, "package/emulator"], { cwd: work });
    mkdirSync(dirname(emulatorDir), { recursive: true });
    rmSync(emulatorDir, { recursive: true, force: true });
    renameSync(join(work, "package", "emulator"), emulatorDir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return emulatorDir;
}

if (process.argv[1] === new URL(import.meta.url).pathname) console.log(installDynamoDbLocal());
