import { describe, expect, it } from "vitest";
import { MAX_TOOL_NAME, qualifiedName } from "../../domain/tools/qualified-name.js";

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

describe("qualifiedName", () => {
  it("is mcp__<slug>__<tool> when that fits", () => {
    expect(qualifiedName("github", "create_issue")).toBe("mcp__github__create_issue");
    expect(qualifiedName("github", "get-file")).toBe("mcp__github__get-file");
  });

  it.each([
    ["a long name", "x".repeat(80)],
    ["dots and slashes", "files/read.v2"],
    ["unicode", "résumé_lookup"],
    ["spaces", "search all the things"],
  ])("cleans and shortens %s deterministically, within 64 valid characters", (_label, tool) => {
    const name = qualifiedName("a_rather_long_server_slug_here", tool);
    expect(name).toMatch(VALID);
    expect(name.length).toBeLessThanOrEqual(MAX_TOOL_NAME);
    expect(qualifiedName("a_rather_long_server_slug_here", tool)).toBe(name);
  });

  it("keeps tools apart that would clean or shorten to the same text", () => {
    const names = ["read.file", "read/file", "read_file", `${"y".repeat(70)}a`, `${"y".repeat(70)}b`].map((tool) =>
      qualifiedName("fs", tool),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it("never keeps a name as it is that another was cleaned to: cleaned names are exactly 64 characters, kept ones fewer", () => {
    for (const tool of ["read.file", "x".repeat(80), "日本語", "y".repeat(60)]) {
      const cleaned = qualifiedName("fs", tool);
      expect(cleaned).toHaveLength(MAX_TOOL_NAME);
      expect(qualifiedName("fs", cleaned.slice("mcp__fs__".length))).not.toBe(cleaned);
    }
    expect(qualifiedName("fs", "y".repeat(MAX_TOOL_NAME - "mcp__fs__".length - 1))).toHaveLength(MAX_TOOL_NAME - 1);
  });
});
