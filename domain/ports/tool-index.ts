/** A tool as search sees it: its own words, its server's, and its parameters'. */
export interface SearchableTool {
  /** Unique in the tenant: the tool's qualified name (`mcp__<slug>__<tool>`). */
  readonly key: string;
  readonly serverId: string;
  readonly serverName: string;
  readonly serverDescription: string | null;
  readonly name: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly inputSchema: Record<string, unknown>;
  /** A cloud embedding of the tool, stored on its record when the tool was last seen (optional). */
  readonly embedding?: readonly number[] | null;
}

/** Every tool of one tenant, and a version that changes whenever any of them (or their servers) does. */
export interface ToolCorpus {
  readonly tenantId: string;
  readonly version: string;
  readonly tools: readonly SearchableTool[];
}

export interface ToolHit {
  readonly key: string;
  readonly score: number;
}

export interface ToolSearchOptions {
  /** Only tools this admits are returned (what the actor may use). */
  readonly allowed: (key: string) => boolean;
  readonly limit: number;
}

/**
 * Ranked search over a tenant's tools by what a query means. Implementations keep an index per
 * tenant and rebuild it only when the corpus version changes.
 */
export interface ToolIndex {
  search(corpus: ToolCorpus, query: string, options: ToolSearchOptions): Promise<ToolHit[]>;
}

/** Turns texts into vectors (a cloud embedding model), for tools when they are seen and for queries. */
export interface TextEmbedder {
  embed(texts: readonly string[], purpose: "document" | "query"): Promise<number[][]>;
}
