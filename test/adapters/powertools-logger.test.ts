import { describe, expect, it } from "vitest";
import { createPowertoolsLogger } from "../../adapters/logging/powertools-logger.js";
import { captureOutput } from "../support/capture-output.js";

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("createPowertoolsLogger", () => {
  it("writes one Powertools JSON line per call, with the bound fields, and redacts secrets wherever they are", () => {
    const lines = captureOutput(() => {
      const logger = createPowertoolsLogger().child({ requestId: "r1", tenant: "acme", caller: "alice", accessToken: "child-at" });
      logger.info("called", {
        headers: { Authorization: "Bearer abc", cookie: "sid=1", "X-Api-Key": "k" },
        nested: [{ client_secret: "cs", refresh_token: "rt", accessToken: "at", password: "pw", credential: "c", value: "v" }],
        detail: "sent Bearer sk-live-abcdef123 and token eyJhbGciOi.eyJzdWIiOiJ4.c2lnbmF0dXJl",
        error: new Error("Basic YWxpY2U6c2VjcmV0 refused"),
        safe: "kept",
      });
    });
    expect(lines).toHaveLength(1);
    expect(parsed(lines)[0]).toMatchObject({
      level: "INFO",
      message: "called",
      service: "mcp-control-plane",
      requestId: "r1",
      tenant: "acme",
      caller: "alice",
      accessToken: "[REDACTED]",
      safe: "kept",
      detail: "sent Bearer [REDACTED] and token [REDACTED]",
      error: { name: "Error", message: "Basic [REDACTED] refused" },
    });
    for (const secret of [
      "Bearer abc",
      "sid=1",
      '"k"',
      '"cs"',
      '"rt"',
      '"at"',
      '"pw"',
      '"c"',
      '"v"',
      "child-at",
      "sk-live",
      "eyJhbGciOi",
      "YWxpY2U6",
    ])
      expect(lines[0]).not.toContain(secret);
  });

  it("keeps each child's fields to itself and its own children", () => {
    const lines = captureOutput(() => {
      const root = createPowertoolsLogger({ fields: { region: "eu-west-1" } });
      const first = root.child({ requestId: "r1", tenant: "acme" });
      const second = root.child({ requestId: "r2" });
      first.child({ caller: "alice" }).info("grandchild");
      first.info("first");
      second.info("second");
      root.info("root");
    });
    const byMessage = Object.fromEntries(parsed(lines).map((line) => [line.message, line]));
    expect(byMessage.grandchild).toMatchObject({ region: "eu-west-1", requestId: "r1", tenant: "acme", caller: "alice" });
    expect(byMessage.first).toMatchObject({ region: "eu-west-1", requestId: "r1", tenant: "acme" });
    expect(byMessage.first).not.toHaveProperty("caller");
    expect(byMessage.second).toMatchObject({ region: "eu-west-1", requestId: "r2" });
    expect(byMessage.second).not.toHaveProperty("tenant");
    expect(byMessage.root).not.toHaveProperty("requestId");
  });

  it("drops lines below its level, and keeps a field named like a Powertools key instead of losing it", () => {
    const lines = captureOutput(() => {
      const logger = createPowertoolsLogger({ level: "warn" });
      logger.debug("quiet");
      logger.info("quiet too");
      logger.warn("careful", { service: "upstream-billing" });
      logger.error("loud");
    });
    expect(parsed(lines).map(({ level, message }) => [level, message])).toEqual([
      ["WARN", "careful"],
      ["ERROR", "loud"],
    ]);
    expect(parsed(lines)[0]).toMatchObject({ service: "mcp-control-plane", field_service: "upstream-billing" });
  });
});
