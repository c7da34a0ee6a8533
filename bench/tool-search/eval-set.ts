import { readFileSync } from "node:fs";
import type { SearchableTool } from "../../domain/ports/tool-index.js";

export interface CatalogServer {
  package: string;
  name: string;
  slug: string;
  description: string;
  tools: Array<{ name: string; title?: string; description?: string; inputSchema?: Record<string, unknown> }>;
}

export type QueryKind = "paraphrase" | "keyword" | "cross-server" | "ambiguous";

export interface EvalQuery {
  id: string;
  query: string;
  kind: QueryKind;
  /** `<slug>__<tool>` of every right answer. */
  expected: string[];
}

const here = new URL(".", import.meta.url);
const read = <T>(file: string) => JSON.parse(readFileSync(new URL(file, here), "utf8")) as T;

export const loadCatalog = () => read<CatalogServer[]>("catalog.json");
export const loadQueries = () => read<EvalQuery[]>("queries.json");

/** The catalog as the search sees a tenant's tools; `copy` > 0 makes a look-alike tenant-scale copy (other ids and names). */
export function searchableTools(catalog: readonly CatalogServer[], copy = 0): SearchableTool[] {
  const suffix = copy === 0 ? "" : `_${copy}`;
  return catalog.flatMap((server) =>
    server.tools.map((tool) => ({
      key: `${server.slug}${suffix}__${tool.name}`,
      serverId: `${server.slug}${suffix}`,
      serverName: copy === 0 ? server.name : `${server.name} ${copy}`,
      serverDescription: server.description,
      name: tool.name,
      title: tool.title ?? null,
      description: tool.description ?? null,
      inputSchema: tool.inputSchema ?? { type: "object" },
    })),
  );
}
