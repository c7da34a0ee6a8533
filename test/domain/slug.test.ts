import { describe, expect, it } from "vitest";
import { deriveSlug, RESERVED_SLUGS, slugSchema } from "../../domain/servers/slug.js";

describe("deriveSlug", () => {
  it.each([
    ["GitHub Issues", "github_issues"],
    ["  Jira -- Cloud (prod) ", "jira_cloud_prod"],
    ["Zürich Café", "zurich_cafe"],
    ["A__B", "a_b"],
    ["x".repeat(40), "x".repeat(32)],
    ["abc def ghi jkl mno pqr stu vwx_yz", "abc_def_ghi_jkl_mno_pqr_stu_vwx"],
    ["!!!", ""],
    ["日本語", ""],
  ])("%j -> %j", (name, slug) => {
    expect(deriveSlug(name)).toBe(slug);
  });

  it("never produces a slug with a double underscore, so mcp__<slug>__<tool> parses one way", () => {
    for (const name of ["a _ b", "a__ __b", "_x_", "x" + "_".repeat(40) + "y"]) {
      expect(deriveSlug(name)).not.toMatch(/__|^_|_$/);
    }
  });
});

describe("slugSchema", () => {
  it.each(["github", "a1_b2", "x".repeat(32)])("accepts %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });

  it.each(["", "Git", "a__b", "_a", "a_", "a-b", "x".repeat(33), ...RESERVED_SLUGS])("refuses %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });

  it("reserves the names built-in tools use", () => {
    expect([...RESERVED_SLUGS]).toEqual(expect.arrayContaining(["tool_search", "builtin", "mcp"]));
  });
});
