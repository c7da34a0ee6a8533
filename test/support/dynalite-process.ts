import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** dynalite in its own process on loopback (in-memory): for benchmarks, where DynamoDB must not share the API's thread. */
export async function startDynaliteProcess() {
  const child = spawn(
    process.execPath,
    [require.resolve("dynalite/cli.js"), "--host", "127.0.0.1", "--port", "0", "--createTableMs", "0"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  for (let i = 0; i < 200 && !/listening at/.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  const port = /:(\d+)\s*$/m.exec(output)?.[1];
  if (!port) throw new Error(`dynalite did not start: ${output}`);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
