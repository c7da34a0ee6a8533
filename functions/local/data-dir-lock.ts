import { readFileSync, rmSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FixableError } from "./fixable-error.js";

const LOCK_FILE = "server.pid";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockHolder(path: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(path, "utf8"), 10);
  } catch {
    return undefined;
  }
}

/**
 * Claims the data dir for this process with a file holding its PID: dynalite's LevelDB and the
 * key files are for one process at a time. A lock left by a process that is gone is taken over.
 * Returns the release, also run when the process exits however it ends.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const path = join(dataDir, LOCK_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new FixableError(
        `The data dir ${dataDir} is in use by another npm start (PID ${holder}): stop it, or use another data dir, e.g. DATA_DIR=.data-2 npm start (if no such process runs, delete ${path}).`,
      );
    }
    await rm(path, { force: true });
  }
  const release = () => {
    // Only our own lock: never one another process took over.
    if (lockHolder(path) === process.pid) rmSync(path, { force: true });
  };
  process.once("exit", release);
  return release;
}
