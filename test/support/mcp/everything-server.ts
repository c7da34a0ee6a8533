import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ENTRY = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
const PRELOAD = fileURLToPath(new URL("./loopback-only.mjs", import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** `@modelcontextprotocol/server-everything` in a child process, bound to loopback only. */
export async function startEverythingServer(transport: "streamableHttp" | "sse") {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", PRELOAD, ENTRY, transport], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  for (let attempt = 0; attempt < 200 && !/listening|running/i.test(output); attempt++) {
    if (child.exitCode !== null) throw new Error(`server-everything exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!/listening|running/i.test(output)) throw new Error(`server-everything did not start: ${output}`);
  const path = transport === "sse" ? "/sse" : "/mcp";
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: async () => {
      child.kill();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
