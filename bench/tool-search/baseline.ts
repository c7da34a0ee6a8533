import MiniSearch from "minisearch";
import type { SearchableTool } from "../../domain/ports/tool-index.js";

/** The baseline: plain BM25 (MiniSearch's defaults) over name, title and description, as a search box would be set up. */
export function bm25Baseline(tools: readonly SearchableTool[]) {
  const index = new MiniSearch<SearchableTool>({ idField: "key", fields: ["name", "title", "description"] });
  index.addAll(tools);
  return (query: string, limit: number) =>
    index
      .search(query)
      .slice(0, limit)
      .map((hit) => hit.id as string);
}
