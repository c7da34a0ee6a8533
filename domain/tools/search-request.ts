import { badInput } from "../shared/errors.js";

/** At most this many results of one search. */
export const MAX_SEARCH_RESULTS = 50;
export const DEFAULT_SEARCH_RESULTS = 10;
/** A query is a sentence, not a document: longer ones are refused rather than silently cut. */
export const MAX_QUERY_LENGTH = 500;

export interface SearchRequest {
  query: string;
  limit: number;
}

/** A tool search as asked (GraphQL `searchTools`, MCP `tool_search`), checked: a clear error for a blank or oversized query or a limit out of range. */
export function searchRequest(query: string, limit: number = DEFAULT_SEARCH_RESULTS): SearchRequest {
  const trimmed = query.trim();
  if (!trimmed) throw badInput("query", "query must say what to look for");
  if (trimmed.length > MAX_QUERY_LENGTH) throw badInput("query", `query must be at most ${MAX_QUERY_LENGTH} characters`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_RESULTS) {
    throw badInput("limit", `limit must be between 1 and ${MAX_SEARCH_RESULTS}`);
  }
  return { query: trimmed, limit };
}
