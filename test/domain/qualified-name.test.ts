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
});
