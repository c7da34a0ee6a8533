import type { McpToolResult } from "../ports/mcp-connector.js";

const utf8 = new TextEncoder();

/**
 * What of a result an audit record keeps when the whole does not fit: the text it carries, in
 * order (other content named by its kind; structured content as JSON when there is no text),
 * cut to at most `maxBytes` of UTF-8 on a character boundary, as one text item.
 */
export function resultExcerpt(result: McpToolResult, maxBytes: number): McpToolResult {
  return { content: [{ type: "text", text: cut(readableText(result), maxBytes) }], ...(result.isError ? { isError: true } : {}) };
}

function readableText({ content, structuredContent }: McpToolResult): string {
  const items = content as Array<{ type?: unknown; text?: unknown } | null>;
  if (structuredContent && !items.some((item) => typeof item?.text === "string")) return JSON.stringify(structuredContent);
  const kindOf = (item: (typeof items)[number]) => (typeof item?.type === "string" ? item.type : "content");
  return items.map((item) => (typeof item?.text === "string" ? item.text : `[${kindOf(item)}]`)).join("\n");
}

function cut(text: string, maxBytes: number): string {
  // A character is at least one byte: the first maxBytes characters hold everything that can be kept (less half a surrogate pair).
  const head = text.slice(0, Math.max(0, maxBytes)).replace(/[\uD800-\uDBFF]$/, "");
  const bytes = utf8.encode(head);
  if (bytes.byteLength <= maxBytes) return head;
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
