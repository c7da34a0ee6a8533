import { describe, expect, it } from "vitest";
import { previewOf } from "../../domain/secrets/sealed-secret.js";
import { urlSchemeProblem, serverUrlSchema } from "../../domain/servers/server-url.js";
import { callerFromClaims, isAdmin, tokenExpired } from "../../domain/shared/caller.js";
import type { DomainError } from "../../domain/shared/errors.js";
import { headerNameSchema, headerValueSchema } from "../../domain/shared/http-headers.js";

describe("previewOf", () => {
  it("shows only the last four characters of a long secret", () => {
    expect(previewOf("Bearer sk-live-123456789")).toBe("••••6789");
  });
  it("shows nothing of a short secret, where four characters would be most of it", () => {
    expect(previewOf("abc12345")).toBe("••••");
  });
});

describe("header rules", () => {
  it.each(["X-Api-Key", "Authorization", "x_custom"])("accepts the name %j", (name) => {
    expect(headerNameSchema.safeParse(name).success).toBe(true);
  });
  it.each(["", "X Api", "X-Api:", "X-Api\r\nHost", "Host", "content-length", "Mcp-Session-Id", "x".repeat(129)])(
    "refuses the name %j",
    (name) => expect(headerNameSchema.safeParse(name).success).toBe(false),
  );
  it.each(["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b", " padded", ""])("refuses the value %j", (value) => {
    expect(headerValueSchema.safeParse(value).success).toBe(false);
  });
});

describe("server URLs", () => {
  it.each(["https://mcp.example.com/mcp", "http://127.0.0.1:8080/sse"])("accepts %j", (url) => {
    expect(serverUrlSchema.safeParse(url).success).toBe(true);
  });
  it.each([
    "/relative",
    "mcp.example.com",
    "https://user:pw@mcp.example.com",
    "https://token@mcp.example.com",
    `https://e.com/${"a".repeat(2048)}`,
    " https://e.com",
  ])("refuses %j", (url) => expect(serverUrlSchema.safeParse(url).success).toBe(false));
  it("allows ws(s) only for the WebSocket transport and never other schemes", () => {
    expect(urlSchemeProblem("wss://e.com/ws", "WEBSOCKET")).toBeNull();
    expect(urlSchemeProblem("wss://e.com/ws", "STREAMABLE_HTTP")).toMatch(/http or https/);
    expect(urlSchemeProblem("ftp://e.com/", "SSE")).toMatch(/http or https/);
    expect(urlSchemeProblem("file:///etc/passwd", "WEBSOCKET")).toMatch(/ws or wss or http or https/);
  });
});

describe("callerFromClaims", () => {
  it("maps verified claims to a caller", () => {
    const caller = callerFromClaims({ sub: "alice", tenant: "acme", roles: ["admin"], agent: "support-bot" });
    expect(caller).toEqual({ userId: "alice", tenantId: "acme", roles: ["admin"], agentId: "support-bot" });
    expect(isAdmin(caller)).toBe(true);
    expect(isAdmin(callerFromClaims({ sub: "bob", tenant: "acme" }))).toBe(false);
  });

  it.each([
    { tenant: "acme" },
    { sub: "alice" },
    { sub: "alice", tenant: "acme#SERVERS" },
    { sub: "alice", tenant: "" },
    { sub: "", tenant: "acme" },
    { sub: "alice", tenant: "acme", roles: "admin" },
    { sub: "alice", tenant: "acme", agent: "bad agent" },
    // Past what a date can hold: no caller whose expiry cannot be written down.
    { sub: "alice", tenant: "acme", exp: 1e13 },
  ])("refuses %j as UNAUTHENTICATED", (claims) => {
    expect(() => callerFromClaims(claims)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }) as DomainError);
  });

  it("keeps when the token expires, which ends the caller's subscriptions; with no expiry they have none to run on", () => {
    const caller = callerFromClaims({ sub: "alice", tenant: "acme", exp: 1_800_000_000 });
    expect(caller.tokenExpiresAt).toBe("2027-01-15T08:00:00.000Z");
    expect(tokenExpired(caller, new Date("2027-01-15T07:59:59.999Z"))).toBe(false);
    expect(tokenExpired(caller, new Date("2027-01-15T08:00:00.000Z"))).toBe(true);
    expect(tokenExpired(callerFromClaims({ sub: "alice", tenant: "acme" }), new Date(0))).toBe(true);
    expect(tokenExpired({ ...caller, tokenExpiresAt: "not a date" }, new Date(0))).toBe(true);
  });
});
