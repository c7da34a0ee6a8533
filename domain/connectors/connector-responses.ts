import type { McpToolResult } from "../ports/mcp-connector.js";

const MAX_TEXT = 20_000;
const MAX_ERROR_EXCERPT = 500;

/** An HTTP response as it came back (already size-capped by the outbound fetch). */
export interface HttpResponseSeen {
  status: number;
  contentType: string;
  text: string;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

function jsonOf(response: HttpResponseSeen): unknown {
  if (!/\bjson\b/i.test(response.contentType)) return undefined;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * An operation's answer as a tool result: JSON as `structuredContent` (an array under `items`, a bare value under `value`)
 * with its text; other bodies as text; a non-2xx status as `isError` with the status and a
 * bounded excerpt of the body, for the model to read.
 */
export function toolResultOf(response: HttpResponseSeen): McpToolResult {
  if (response.status < 200 || response.status > 299) {
    const excerpt = cut(response.text.trim(), MAX_ERROR_EXCERPT);
    return {
      isError: true,
      content: [{ type: "text", text: `The API answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : "."}` }],
    };
  }
  const json = jsonOf(response);
  if (json === undefined) return { content: [{ type: "text", text: cut(response.text, MAX_TEXT) || `HTTP ${response.status}` }] };
  const structured =
    typeof json === "object" && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : Array.isArray(json)
        ? { items: json }
        : { value: json };
  return { content: [{ type: "text", text: cut(JSON.stringify(json, null, 2), MAX_TEXT) }], structuredContent: structured };
}
