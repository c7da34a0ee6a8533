import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

/** Runs a TypeScript entry point to completion; resolves with its exit code and output. */
export function runScript(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(TSX, [script, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a long-running TypeScript entry point and lets the test wait for lines it prints. */
export function startScript(script: string, env: Record<string, string>, { direct = false } = {}): RunningProcess {
  // `direct`: one process (`node --import tsx`), so a signal reaches the script itself, SIGKILL included
  // (tsx's CLI relays signals to the node child it starts, but cannot relay SIGKILL).
  const [command, args] = direct ? [process.execPath, ["--import", "tsx", script]] : [TSX, [script]];
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => output,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`Did not see ${pattern} in:\n${output}`);
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
