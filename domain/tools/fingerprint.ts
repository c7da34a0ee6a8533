import type { McpToolDefinition } from "../ports/mcp-connector.js";

/** JSON with object keys sorted, so equal definitions always print the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of what a tool promises (title, description, schema, annotations): a change of any is a change. */
export async function fingerprintOf({ title, description, inputSchema, annotations }: McpToolDefinition): Promise<string> {
  const bytes = new TextEncoder().encode(canonical({ title, description, inputSchema, annotations }));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
