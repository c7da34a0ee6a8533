import { describe, expect, it } from "vitest";
import { DEFAULT_TOOL_BOUNDS, MAX_LISTED_NAME_LENGTH } from "../../domain/tools/listed-tool.js";
import { acceptListedTools, MAX_REPORTED_SKIPS } from "../../domain/tools/listed-tools.js";

const bytes = (text: string) => new TextEncoder().encode(text).length;
const accept = (listed: unknown[]) => acceptListedTools("srv", listed, DEFAULT_TOOL_BOUNDS);

describe("acceptListedTools", () => {
  it("cuts a long description and title between characters, never inside one", () => {
    const long = "é".repeat(10_000);
    const { tools } = accept([{ name: "t", title: long, description: long, inputSchema: { type: "object" } }]);
    for (const text of [tools[0]!.title!, tools[0]!.description!]) {
      expect(bytes(text)).toBeLessThanOrEqual(DEFAULT_TOOL_BOUNDS.descriptionBytes);
      expect(text).toMatch(/^é+… \[(title|description) cut at 8192 bytes\]$/);
    }
  });

  it("names at most 100 skipped tools, each name shortened, and refuses names too long to record", () => {
    const { skipped } = accept(Array.from({ length: 150 }, (_, index) => ({ name: `bad_${index}`, inputSchema: [] })));
    expect(skipped).toHaveLength(MAX_REPORTED_SKIPS);
    const tooLong = accept([{ name: "n".repeat(MAX_LISTED_NAME_LENGTH + 1), inputSchema: { type: "object" } }]);
    expect(tooLong.tools).toEqual([]);
    expect(tooLong.skipped[0]!.reason).toBe("Its name is longer than 1000 characters.");
    expect(bytes(tooLong.skipped[0]!.name)).toBeLessThanOrEqual(256);
    const oddType = accept([{ name: "t", inputSchema: { type: "x".repeat(100_000) } }]);
    expect(bytes(oddType.skipped[0]!.reason)).toBeLessThan(200);
  });

  it("drops what is odd but harmless: a non-string $schema, a required that is not a list of names, an outputSchema that is not an object schema", () => {
    const { tools } = accept([
      { name: "t", inputSchema: { $schema: 7, required: [1], additionalProperties: false }, outputSchema: { type: "array" } },
    ]);
    expect(tools).toEqual([{ name: "t", inputSchema: { type: "object", additionalProperties: false } }]);
  });
});
