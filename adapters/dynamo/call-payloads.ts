import type { ToolCall } from "../../domain/calls/tool-call.js";
import { jsonBytes } from "../../domain/calls/payload-limits.js";
import { resultExcerpt } from "../../domain/calls/result-excerpt.js";
import type { McpToolResult } from "../../domain/ports/mcp-connector.js";
import { packJson, unpackJson } from "./gzip-json.js";

type Item = Record<string, unknown>;

/** DynamoDB's 400 KB item limit, less a margin for the per-attribute overhead the estimate below does not see. */
const ITEM_ROOM_BYTES = 400 * 1024 - 16 * 1024;
/** The most of a result an audit record keeps when the whole does not fit. */
const EXCERPT_BYTES = 64 * 1024;

const utf8 = new TextEncoder();

/**
 * A call's arguments and result as stored, beside the rest of its item. Arguments are JSON text:
 * DynamoDB's marshaller takes map keys such as `toString` for methods and a map loses `__proto__`,
 * while to callers they are data like any other key. The result is gzip'd JSON; when even that
 * does not fit the item, an excerpt marked `resultTruncated` (`resultBytes` keeps the full size).
 */
export async function packPayloads({ arguments: args, result }: ToolCall, beside: Item): Promise<Item> {
  const argumentsJson = JSON.stringify(args);
  if (!result) return { argumentsJson };
  const room = ITEM_ROOM_BYTES - estimatedBytes({ ...beside, argumentsJson });
  const whole = await packJson(result);
  if (whole.byteLength <= room) return { argumentsJson, resultGz: whole };
  for (let budget = Math.max(0, Math.min(EXCERPT_BYTES, room)); ; budget = Math.floor(budget / 2)) {
    // Escaping can make an excerpt's JSON larger than its text: halve until it fits.
    const excerpt = await packJson(resultExcerpt(result, budget));
    if (excerpt.byteLength <= room || budget === 0) return { argumentsJson, resultGz: excerpt, resultTruncated: true };
  }
}

/** The arguments and result of a stored call; a call stored before kept both as maps. */
export async function unpackPayloads(item: Item): Promise<Pick<ToolCall, "arguments" | "result">> {
  const { argumentsJson, resultGz } = item;
  return {
    arguments:
      typeof argumentsJson === "string"
        ? (JSON.parse(argumentsJson) as Record<string, unknown>)
        : (item.arguments as ToolCall["arguments"]),
    result:
      resultGz instanceof Uint8Array ? await unpackJson<McpToolResult>(resultGz) : ((item.result as McpToolResult | undefined) ?? null),
  };
}

/** An item's size as DynamoDB counts it, near enough: attribute names plus values (strings as UTF-8, others as JSON). */
const estimatedBytes = (item: Item) =>
  Object.entries(item).reduce(
    (sum, [name, value]) => sum + name.length + (typeof value === "string" ? utf8.encode(value).byteLength : jsonBytes(value ?? null)),
    0,
  );
