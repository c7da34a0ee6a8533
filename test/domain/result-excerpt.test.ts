import { describe, expect, it } from "vitest";
import { resultExcerpt } from "../../domain/calls/result-excerpt.js";

const textOf = (result: ReturnType<typeof resultExcerpt>) => (result.content[0] as { text: string }).text;
const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;

describe("a result's excerpt", () => {
  it("keeps the text in order, other content by its kind, within the byte budget", () => {
    const result = {
      content: [
        { type: "text", text: "first" },
        { type: "image", data: "A".repeat(10_000), mimeType: "image/png" },
        { type: "text", text: "second ".repeat(100) },
      ],
      isError: true,
    };
    const excerpt = resultExcerpt(result, 40);
    expect(excerpt).toEqual({ content: [{ type: "text", text: `first\n[image]\n${"second ".repeat(100)}`.slice(0, 40) }], isError: true });
  });

  it("never cuts a character in half", () => {
    const text = "é€😀".repeat(1000);
    for (const budget of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 101]) {
      const kept = textOf(resultExcerpt({ content: [{ type: "text", text }] }, budget));
      expect(bytesOf(kept)).toBeLessThanOrEqual(budget);
      expect(text.startsWith(kept)).toBe(true);
      expect(kept).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it("shows structured content as JSON when there is no text", () => {
    const excerpt = resultExcerpt({ content: [], structuredContent: { rows: [1, 2, 3] } }, 1000);
    expect(textOf(excerpt)).toBe('{"rows":[1,2,3]}');
  });
});
