import type { SearchableTool, ToolHit } from "../../domain/ports/tool-index.js";
import { Bm25fIndex, type Concept, type FieldSpec } from "./bm25f.js";
import { DenseIndex } from "./dense-index.js";
import { reciprocalRankFusion, topPositions } from "./fusion.js";
import type { Language } from "./language.js";
import { NameMatch } from "./name-match.js";
import { ProductCues } from "./product-cues.js";
import { DEFAULT_EXPANSION, type ExpansionWeights, expandQuery } from "./query-expansion.js";
import { isContentWord, termOf, termsOf, wordsOf } from "./text/tokenize.js";
import { type Field, type ToolDocument, toolDocument } from "./tool-document.js";

/** Which signals rank, and how much each counts: the benchmark switches them one by one. */
export interface RankerSettings {
  /** Synonyms, lexicon, neighbours and compounds; null: the query's own words only. */
  expansion: ExpansionWeights | null;
  lexicalWeight: number;
  /** Word-vector meaning; 0 leaves it out. */
  denseWeight: number;
  /** How much of a tool's name the query says; 0 leaves it out. */
  nameWeight: number;
  productCues: boolean;
  /** How deep each signal's ranking goes into the fusion. */
  depth: number;
}

export const DEFAULT_RANKER: RankerSettings = {
  expansion: DEFAULT_EXPANSION,
  lexicalWeight: 1,
  denseWeight: 0,
  nameWeight: 1,
  productCues: true,
  depth: 100,
};

/** BM25F fields: a word in a tool's name or title says more than one deep in its description or its parameters. */
const FIELDS: Record<Field, FieldSpec> = {
  name: { weight: 3, b: 0.3 },
  title: { weight: 2.5, b: 0.3 },
  description: { weight: 1, b: 0.75 },
  server: { weight: 0.8, b: 0.5 },
  params: { weight: 0.4, b: 0.75 },
};

/**
 * One tenant's tools, indexed three ways: BM25F over weighted fields with Porter2 stems,
 * word-vector meaning, and product names. A query's rankings are fused by
 * reciprocal rank; tools of a product the query names come first.
 */
export class TenantIndex {
  private readonly documents: ToolDocument[];
  private readonly positions: Map<string, number>;
  private readonly lexical: Bm25fIndex<Field>;
  private dense: DenseIndex | undefined;
  private readonly cues: ProductCues;
  private readonly names: NameMatch;

  constructor(
    tools: readonly SearchableTool[],
    private readonly language: Language,
    private readonly settings: RankerSettings = DEFAULT_RANKER,
  ) {
    this.documents = tools.map(toolDocument);
    this.positions = new Map(this.documents.map((document, position) => [document.key, position]));
    const fields = Object.keys(FIELDS) as Field[];
    this.lexical = new Bm25fIndex(
      this.documents.map(
        (document) => Object.fromEntries(fields.map((field) => [field, termsOf(document[field])])) as Record<Field, string[]>,
      ),
      FIELDS,
    );
    const serverNames = new Map(tools.map((tool) => [tool.serverId, tool.serverName]));
    this.cues = new ProductCues(this.documents, serverNames);
    this.names = new NameMatch(this.documents, serverNames);
  }

  search(query: string, allowed: (key: string) => boolean, limit: number): ToolHit[] {
    const { settings } = this;
    const expanded = settings.expansion
      ? expandQuery(query, this.language, settings.expansion, (word) => this.cues.isName(word))
      : ownWords(query);
    const admitted = (position: number) => allowed(this.documents[position]!.key);
    const concepts = expanded.concepts.map((concept) => this.noMoreSpecific(concept));
    const scores = new Float32Array(this.documents.length);
    const matched = this.lexical.scoreConcepts(concepts, admitted, scores);
    const rankings = [
      { ranked: topPositions(scores, settings.depth, (position) => matched.has(position)), weight: settings.lexicalWeight },
    ];
    if (settings.nameWeight > 0) {
      rankings.push({
        ranked: this.names.ranking(concepts, matched, (position) => scores[position]!).slice(0, settings.depth),
        weight: settings.nameWeight,
      });
    }
    const similarities = settings.denseWeight > 0 ? this.denseIndex().similarities(expanded.words) : undefined;
    if (similarities) rankings.push({ ranked: topPositions(similarities, settings.depth, admitted), weight: settings.denseWeight });
    const fused = reciprocalRankFusion(rankings);
    const named = settings.productCues ? this.cues.named(expanded.words) : new Set<string>();
    if (named.size > 0) this.includeNamedServers(fused, named, similarities, admitted);
    const first = (position: number) => (named.has(this.documents[position]!.serverId) ? 1 : 0);
    return [...fused]
      .sort(([a, scoreA], [b, scoreB]) => first(b) - first(a) || scoreB - scoreA || a - b)
      .slice(0, limit)
      .map(([position, score]) => ({ key: this.documents[position]!.key, score }));
  }

  /** Word-vector meaning is off by default (it lowered recall on the benchmark), so it is built only when asked for. */
  private denseIndex(): DenseIndex {
    this.dense ??= new DenseIndex(this.documents, this.language);
    return this.dense;
  }

  /**
   * An alternative never counts for more than the word it stands for: its weight is scaled down
   * when it is rarer (higher IDF) than the concept's own words, so "open" -> "view" cannot
   * outscore tools that say "open".
   */
  private noMoreSpecific(concept: Concept): Concept {
    const own = [...concept].filter(([, weight]) => weight >= 1).map(([term]) => this.lexical.idf(term));
    if (own.length === 0 || own.some((idf) => idf === undefined)) return concept;
    const ceiling = Math.max(...(own as number[]));
    return new Map(
      [...concept].map(([term, weight]) => [
        term,
        weight >= 1 ? weight : weight * Math.min(1, ceiling / (this.lexical.idf(term) ?? ceiling)),
      ]),
    );
  }

  /** A named product's tools all take part, ordered among themselves by meaning where no other signal found them. */
  private includeNamedServers(
    fused: Map<number, number>,
    named: Set<string>,
    similarities: Float32Array | undefined,
    admitted: (position: number) => boolean,
  ) {
    this.documents.forEach((document, position) => {
      if (!named.has(document.serverId) || fused.has(position) || !admitted(position)) return;
      fused.set(position, 1e-6 * (1 + (similarities?.[position] ?? 0)));
    });
  }
}

/** A query's own words, a concept each: the search without expansion. */
function ownWords(query: string) {
  const words = wordsOf(query).filter(isContentWord);
  return { words, concepts: words.map((word) => new Map([[termOf(word), 1]])) };
}
