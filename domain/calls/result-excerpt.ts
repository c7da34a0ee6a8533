import type { McpToolResult } from "../ports/mcp-connector.js";
import { cutToBytes } from "../shared/text.js";

/**
 * What of a result an audit record keeps when the whole does not fit: the text it carries, in
 * order (other content named by its kind; structured content as JSON when there is no text),
 * cut to at most `maxBytes` of UTF-8 on a character boundary, as one text item.
 */
export function resultExcerpt(result: McpToolResult, maxBytes: number): McpToolResult {
  return { content: [{ type: "text", text: cutToBytes(readableText(result), maxBytes) }], ...(result.isError ? { isError: true } : {}) };
}

function readableText({ content, structuredContent }: McpToolResult): string {
  const items = content as Array<{ type?: unknown; text?: unknown } | null>;
  if (structuredContent && !items.some((item) => typeof item?.text === "string")) return JSON.stringify(structuredContent);
  const kindOf = (item: (typeof items)[number]) => (typeof item?.type === "string" ? item.type : "content");
  return items.map((item) => (typeof item?.text === "string" ? item.text : `[${kindOf(item)}]`)).join("\n");
}
