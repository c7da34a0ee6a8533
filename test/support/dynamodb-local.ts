import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
// @ts-expect-error -- a plain .mjs script shared with the command line
import { installDynamoDbLocal } from "../../scripts/install-dynamodb-local.mjs";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });

async function waitForDynamo(endpoint: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}`);
    try {
      await fetch(endpoint);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("DynamoDB Local did not start within 20 s");
}

export const JAVA_MISSING =
  "Java is not on the PATH: DynamoDB Local needs Java 17 (e.g. apt-get install openjdk-17-jre-headless, or brew install openjdk@17)";

/** Whether `java` runs: only DynamoDB Local needs it. */
export const hasJava = () => spawnSync("java", ["-version"], { stdio: "ignore" }).error === undefined;

/** DynamoDB Local (Java, in memory) on a free loopback port, installed first if need be. */
export async function startDynamoDbLocal(): Promise<{ endpoint: string; close(): void }> {
  if (!hasJava()) throw new Error(JAVA_MISSING);
  const dir: string = installDynamoDbLocal();
  const port = await freePort();
  const child = spawn(
    "java",
    ["-Xmx512m", `-Djava.library.path=${dir}/DynamoDBLocal_lib`, "-jar", `${dir}/DynamoDBLocal.jar`, "-inMemory", "-port", String(port)],
    { cwd: dir, stdio: "ignore" },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  await waitForDynamo(endpoint, child);
  return { endpoint, close: () => void child.kill() };
}
