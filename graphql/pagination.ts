import { badInput } from "../domain/shared/errors.js";

const DEFAULT_FIRST = 50;
const MAX_FIRST = 100;

/** The paging arguments the Relay plugin gives a connection field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const encode = (key: string) => Buffer.from(`k:${key}`).toString("base64url");

function decode(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith("k:")) throw badInput("after", "is not a cursor this API returned");
  return text.slice(2);
}

/**
 * A Relay page of a list read whole (a tenant's servers, a server's tools or connections): items
 * in a stable order by key, and a cursor is the key of an item, so the page after it starts right
 * after that key even if items were added or removed in between.
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, args: PageArgs) {
  const first = sizeOf(args);
  const sorted = items.map((node) => ({ node, key: keyOf(node) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const start = args.after == null ? 0 : startAfter(sorted, decode(args.after));
  const edges = sorted.slice(start, start + first).map(({ node, key }) => ({ cursor: encode(key), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** How many items a page holds: `first`, within bounds; paging backwards is refused. */
function sizeOf(args: PageArgs): number {
  if (args.last != null || args.before != null) throw badInput("last", "lists page forward only: use first and after");
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw badInput("first", `must be from 1 to ${MAX_FIRST}`);
  return first;
}

/** The position of the first item after `key` (the item itself may be gone). */
function startAfter(sorted: ReadonlyArray<{ key: string }>, key: string): number {
  const found = sorted.findIndex((each) => each.key > key);
  return found === -1 ? sorted.length : found;
}
