import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningProcess, runScript, startScript } from "../support/processes.js";

const START = "functions/local/start.ts";
const TOKEN = "functions/cli/token.ts";
// These tests read stderr whole: no Node-version notice from the AWS SDK in it, whatever Node runs them.
const QUIET = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", HOST: "127.0.0.1" };

const newDataDir = () => mkdtemp(join(tmpdir(), "local-failure-"));

/** A failure a person can fix is one line on stderr that says how, exit code 1, and no stack trace. */
function expectOneLine(result: { code: number; stderr: string }, message: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
}

/** The PID of a process that has exited: a lock left by it is stale. */
const deadPid = () =>
  new Promise<number>((resolve) => {
    const child = execFile(process.execPath, ["-e", ""], () => resolve(child.pid!));
  });

describe("npm start's failures a person can fix", () => {
  let running: RunningProcess | undefined;
  let occupied: Server | undefined;
  afterEach(async () => {
    // SIGTERM, which tsx passes on: SIGKILL would stop tsx and leave the server it started running.
    await running?.stop("SIGTERM");
    occupied?.close();
    running = occupied = undefined;
  });

  it("names the port in use and how to pick another", async () => {
    occupied = createServer();
    await new Promise<void>((listening) => occupied!.listen(0, "127.0.0.1", listening));
    const port = (occupied.address() as { port: number }).port;
    const result = await runScript(START, [], { ...QUIET, DATA_DIR: await newDataDir(), PORT: String(port) });
    expectOneLine(result, new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is in use .*PORT=${port + 1} npm start`));
  });

  it("refuses a data dir another instance runs on, naming its PID, and takes over a lock whose process is gone", async () => {
    const dataDir = await newDataDir();
    running = startScript(START, { ...QUIET, DATA_DIR: dataDir, PORT: "0" });
    await running.waitFor(/GraphiQL:/);
    const second = await runScript(START, [], { ...QUIET, DATA_DIR: dataDir, PORT: "0" });
    const holder = Number(await readFile(join(dataDir, "server.pid"), "utf8"));
    expectOneLine(second, new RegExp(`^The data dir ${dataDir} is in use by another npm start \\(PID ${holder}\\): .*DATA_DIR=`));
    expect(await running.stop("SIGTERM")).toBe(0);

    const stale = await deadPid();
    await writeFile(join(dataDir, "server.pid"), `${stale}\n`);
    running = startScript(START, { ...QUIET, DATA_DIR: dataDir, PORT: "0" });
    await running.waitFor(/GraphiQL:/);
    const taker = Number(await readFile(join(dataDir, "server.pid"), "utf8"));
    expect(taker).not.toBe(stale);
    expect(process.kill(taker, 0)).toBe(true);
  });

  it("says the database in a corrupt data dir cannot be opened and to move the data dir aside", async () => {
    const dataDir = await newDataDir();
    await mkdir(join(dataDir, "dynamodb"));
    await writeFile(join(dataDir, "dynamodb", "CURRENT"), "MANIFEST-000002\n");
    await writeFile(join(dataDir, "dynamodb", "MANIFEST-000002"), "not a LevelDB manifest");
    const result = await runScript(START, [], { ...QUIET, DATA_DIR: dataDir, PORT: "0" });
    expectOneLine(result, /^The database in .*dynamodb cannot be opened \(.+\): move the data dir aside/);
  });

  it.each([
    ["auth-key.json", "{not json", /auth-key\.json is not a valid key \(.+\): delete it and a new key is made/],
    ["auth-key.json", '{"kty":"EC"}', /auth-key\.json is not a valid key \(.+\): delete it/],
    ["master.key", "c2hvcnQ=", /master\.key is not a valid key \(.+\): restore it from a backup/],
  ])("says %s holding %j is not a valid key, and what to do", async (file, content, message) => {
    const dataDir = await newDataDir();
    await writeFile(join(dataDir, file), content);
    expectOneLine(await runScript(START, [], { ...QUIET, DATA_DIR: dataDir, PORT: "0" }), message);
  });

  it("the token CLI says the same of a malformed key file, with nothing on stdout", async () => {
    const dataDir = await newDataDir();
    await writeFile(join(dataDir, "auth-key.json"), "{not json");
    const result = await runScript(TOKEN, ["--tenant", "demo", "--user", "bob"], { DATA_DIR: dataDir });
    expectOneLine(result, /auth-key\.json is not a valid key \(.+\): delete it/);
    expect(result.stdout).toBe("");
  });
});
