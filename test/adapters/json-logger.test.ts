import { describe, expect, it } from "vitest";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";

describe("createJsonLogger", () => {
  it("writes one JSON line per call with the bound fields, and redacts secrets wherever they are", () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (line) => lines.push(line) }).child({ requestId: "r1", tenant: "acme", caller: "alice" });
    logger.info("called", {
      headers: { Authorization: "Bearer abc", cookie: "sid=1", "X-Api-Key": "k" },
      nested: [{ client_secret: "cs", refresh_token: "rt", accessToken: "at", password: "pw", credential: "c", value: "v" }],
      safe: "kept",
    });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "info", message: "called", requestId: "r1", tenant: "acme", caller: "alice", safe: "kept" });
    for (const secret of ["Bearer abc", "sid=1", '"k"', '"cs"', '"rt"', '"at"', '"pw"', '"c"', '"v"'])
      expect(lines[0]).not.toContain(secret);
  });

  it("drops lines below its level", () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ level: "warn", write: (line) => lines.push(line) });
    logger.info("quiet");
    logger.error("loud");
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(["loud"]);
  });
});

describe("free-text scrubbing", () => {
  it("removes bearer tokens and JWTs from messages such as upstream errors", () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (line) => lines.push(line) });
    logger.error("upstream failed", {
      detail: "sent Bearer sk-live-abcdef123 and token eyJhbGciOi.eyJzdWIiOiJ4.c2lnbmF0dXJl",
      error: new Error("Basic YWxpY2U6c2VjcmV0 refused"),
    });
    expect(lines[0]).not.toMatch(/sk-live-abcdef123|eyJhbGciOi|YWxpY2U6c2VjcmV0/);
    expect(JSON.parse(lines[0]!).detail).toBe("sent Bearer [REDACTED] and token [REDACTED]");
  });

  it("removes a URL's user name and password and its query's values", () => {
    const lines: string[] = [];
    createJsonLogger({ write: (line) => lines.push(line) }).warn("refused", {
      detail: 'got "https://user:pa55@x.example/mcp?api_key=sk_live_1&v=2#top" and wss://u@y.example/?k',
    });
    expect(JSON.parse(lines[0]!).detail).toBe(
      'got "https://[REDACTED]@x.example/mcp?api_key=[REDACTED]&v=[REDACTED]#top" and wss://[REDACTED]@y.example/?k',
    );
  });
});
