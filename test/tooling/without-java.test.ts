import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/processes.js";

/**
 * The real test runner in a shell without Java (a PATH of node_modules/.bin alone): only the suites on
 * DynamoDB Local need Java, so only they are skipped; on CI, a missing Java fails the run instead.
 */
function vitestWithoutJava(files: string[], ci: boolean) {
  // The outer run's VITEST_* variables would make the inner run think it is a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "CI"));
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      `${ROOT}node_modules/.bin/vitest`,
      ["run", ...files],
      { cwd: ROOT, env: { ...env, PATH: `${ROOT}node_modules/.bin`, NO_COLOR: "1", ...(ci ? { CI: "true" } : {}) } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe("the test suite without Java", () => {
  it("says so in one line and skips only the suites on DynamoDB Local", async () => {
    const { code, output } = await vitestWithoutJava(
      ["test/adapters/dynamo/reply-box.test.ts", "test/aws/websocket-handlers.test.ts"],
      false,
    );
    expect(code).toBe(0);
    expect(output).toContain("Java is not on the PATH: DynamoDB Local needs Java 17");
    expect(output).toMatch(/the suites on DynamoDB Local are skipped, every other test runs\.\n/);
    // The store suite still runs on dynalite; the one written for DynamoDB Local only is skipped.
    expect(output).toMatch(/reply-box\.test\.ts \(3 tests\)/);
    expect(output).toMatch(/websocket-handlers\.test\.ts \(\d+ tests \| \d+ skipped\)/);
  });

  it("fails the run on CI, where the suites on DynamoDB Local must run", async () => {
    const { code, output } = await vitestWithoutJava(["test/adapters/dynamo/reply-box.test.ts"], true);
    expect(code).not.toBe(0);
    expect(output).toContain("Java is not on the PATH: DynamoDB Local needs Java 17 (e.g. apt-get install openjdk-17-jre-headless");
    expect(output).toContain("on CI the DynamoDB Local suites must run");
  });
});
