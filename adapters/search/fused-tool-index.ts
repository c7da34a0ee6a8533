import type { Logger } from "../../domain/ports/logger.js";
import type { SearchableTool, TextEmbedder, ToolCorpus, ToolHit, ToolIndex, ToolSearchOptions } from "../../domain/ports/tool-index.js";
import { reciprocalRankFusion } from "./fusion.js";

/** How many of each ranking take part in the fusion. */
const DEPTH = 50;

/**
 * The embedded ranker fused (reciprocal rank) with a cloud embedding model: the query is
 * embedded once, and compared with the vectors stored on the tool records when they were last
 * seen. Tools without a vector, or a model that does not answer, leave the embedded ranking as it is.
 */
export class FusedToolIndex implements ToolIndex {
  constructor(
    private readonly embedded: ToolIndex,
    private readonly embedder: TextEmbedder,
    private readonly logger: Logger,
    private readonly cloudWeight = 1,
  ) {}

  async search(corpus: ToolCorpus, query: string, options: ToolSearchOptions): Promise<ToolHit[]> {
    const [lexical, cloud] = await Promise.all([
      this.embedded.search(corpus, query, { ...options, limit: Math.max(options.limit, DEPTH) }),
      this.cloudRanking(corpus.tools, query, options.allowed),
    ]);
    if (cloud.length === 0) return lexical.slice(0, options.limit);
    const keys = [...new Set([...lexical.map((hit) => hit.key), ...cloud])];
    const position = new Map(keys.map((key, index) => [key, index]));
    const fused = reciprocalRankFusion([
      { ranked: lexical.map((hit) => position.get(hit.key)!), weight: 1 },
      { ranked: cloud.map((key) => position.get(key)!), weight: this.cloudWeight },
    ]);
    return [...fused]
      .sort(([a, x], [b, y]) => y - x || a - b)
      .slice(0, options.limit)
      .map(([index, score]) => ({ key: keys[index]!, score }));
  }

  private async cloudRanking(tools: readonly SearchableTool[], query: string, allowed: (key: string) => boolean): Promise<string[]> {
    const candidates = tools.filter((tool) => tool.embedding && allowed(tool.key));
    if (candidates.length === 0 || !query.trim()) return [];
    let vector: number[];
    try {
      [vector] = (await this.embedder.embed([query], "query")) as [number[]];
    } catch (error) {
      this.logger.warn("cloud embedding unavailable; embedded ranking only", { error: (error as Error).message });
      return [];
    }
    return candidates
      .map((tool) => ({ key: tool.key, similarity: dot(vector, tool.embedding!) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, DEPTH)
      .map((candidate) => candidate.key);
  }
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
