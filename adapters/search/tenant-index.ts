import MiniSearch from "minisearch";
import type { SearchableTool, ToolHit } from "../../domain/ports/tool-index.js";
import { DenseIndex } from "./dense-index.js";
import { reciprocalRankFusion, topPositions } from "./fusion.js";
import type { Language } from "./language.js";
import { ProductCues } from "./product-cues.js";
import { DEFAULT_EXPANSION, type ExpansionWeights, expandQuery } from "./query-expansion.js";
import { isContentWord, termOf, wordsOf } from "./text/tokenize.js";
import { FIELD_WEIGHTS, FIELDS, type ToolDocument, toolDocument } from "./tool-document.js";

/** Which signals rank, and how much each counts: the benchmark switches them one by one. */
export interface RankerSettings {
  /** Synonyms, lexicon, neighbours and compounds; null: the query's own words only. */
  expansion: ExpansionWeights | null;
  lexicalWeight: number;
  /** Word-vector meaning; 0 leaves it out. */
  denseWeight: number;
  productCues: boolean;
  /** How deep each signal's ranking goes into the fusion. */
  depth: number;
}

export const DEFAULT_RANKER: RankerSettings = {
  expansion: DEFAULT_EXPANSION,
  lexicalWeight: 1,
  denseWeight: 1,
  productCues: true,
  depth: 100,
};

/**
 * One tenant's tools, indexed three ways: BM25 over weighted fields with Porter2 stems
 * (MiniSearch), word-vector meaning, and product names. A query's rankings are fused by
 * reciprocal rank; tools of a product the query names come first.
 */
export class TenantIndex {
  private readonly documents: ToolDocument[];
  private readonly positions: Map<string, number>;
  private readonly lexical: MiniSearch<ToolDocument>;
  private readonly dense: DenseIndex;
  private readonly cues: ProductCues;

  constructor(
    tools: readonly SearchableTool[],
    private readonly language: Language,
    private readonly settings: RankerSettings = DEFAULT_RANKER,
  ) {
    this.documents = tools.map(toolDocument);
    this.positions = new Map(this.documents.map((document, position) => [document.key, position]));
    this.lexical = new MiniSearch<ToolDocument>({
      idField: "key",
      fields: FIELDS,
      tokenize: (text) => wordsOf(text),
      processTerm: (word) => (isContentWord(word) ? termOf(word) : null),
    });
    this.lexical.addAll(this.documents);
    this.dense = new DenseIndex(this.documents, language);
    this.cues = new ProductCues(this.documents, new Map(tools.map((tool) => [tool.serverId, tool.serverName])));
  }

  search(query: string, allowed: (key: string) => boolean, limit: number): ToolHit[] {
    const { settings } = this;
    const expanded = settings.expansion
      ? expandQuery(query, this.language, settings.expansion, (word) => this.cues.isName(word))
      : ownWords(query);
    const admitted = (position: number) => allowed(this.documents[position]!.key);
    const rankings = [{ ranked: this.lexicalRanking(expanded.terms, allowed), weight: settings.lexicalWeight }];
    const similarities = settings.denseWeight > 0 ? this.dense.similarities(expanded.words) : undefined;
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

  private lexicalRanking(terms: ReadonlyMap<string, number>, allowed: (key: string) => boolean): number[] {
    if (terms.size === 0) return [];
    const hits = this.lexical.search([...terms.keys()].join(" "), {
      tokenize: (text) => text.split(" "),
      processTerm: (term) => term,
      boost: FIELD_WEIGHTS,
      boostTerm: (term) => terms.get(term) ?? 1,
      filter: (hit) => allowed(hit.id as string),
    });
    return hits.slice(0, this.settings.depth).map((hit) => this.positions.get(hit.id as string)!);
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

/** A query's own words as terms, each weighing 1: the search without expansion. */
function ownWords(query: string) {
  const words = wordsOf(query).filter(isContentWord);
  return { words, terms: new Map(words.map((word) => [termOf(word), 1])) };
}
