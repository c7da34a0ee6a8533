import type { ToolCorpus, ToolHit, ToolIndex, ToolSearchOptions } from "../../domain/ports/tool-index.js";
import { language } from "./language.js";
import { DEFAULT_RANKER, type RankerSettings, TenantIndex } from "./tenant-index.js";

/** Tenants whose index a warm process keeps; the least recently used goes first. */
const MAX_TENANTS = 64;

/**
 * The default tool search: everything in-process, nothing downloaded (the language resources
 * are committed). One index per tenant, built on first search and rebuilt only when the corpus
 * version changes.
 */
export class EmbeddedToolIndex implements ToolIndex {
  private readonly indexes = new Map<string, { version: string; index: TenantIndex }>();

  constructor(private readonly settings: RankerSettings = DEFAULT_RANKER) {}

  async search(corpus: ToolCorpus, query: string, { allowed, limit }: ToolSearchOptions): Promise<ToolHit[]> {
    return this.indexFor(corpus).search(query, allowed, limit);
  }

  private indexFor(corpus: ToolCorpus): TenantIndex {
    const cached = this.indexes.get(corpus.tenantId);
    this.indexes.delete(corpus.tenantId);
    const index = cached?.version === corpus.version ? cached.index : new TenantIndex(corpus.tools, language(), this.settings);
    this.indexes.set(corpus.tenantId, { version: corpus.version, index });
    if (this.indexes.size > MAX_TENANTS) this.indexes.delete(this.indexes.keys().next().value!);
    return index;
  }
}
