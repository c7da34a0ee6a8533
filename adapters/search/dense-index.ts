import type { Language } from "./language.js";
import { isContentWord, wordsOf } from "./text/tokenize.js";
import type { ToolDocument } from "./tool-document.js";

/** How much each field's words weigh in a tool's meaning vector. */
const FIELD_SHARE = { name: 2, title: 1.5, description: 1, params: 0.3 } as const;

/**
 * Meaning by word vectors: each tool is the IDF-weighted mean of its words' vectors (names and
 * titles weigh more), a query the same of its words; similarity is the cosine. It finds tools
 * that share no word with the query but talk about the same things.
 */
export class DenseIndex {
  private readonly vectors: Float32Array;
  private readonly idf = new Map<string, number>();
  private readonly dims: number;

  constructor(
    private readonly documents: readonly ToolDocument[],
    private readonly language: Language,
  ) {
    this.dims = language.dims;
    const frequency = new Map<string, number>();
    const wordsByDocument = documents.map(
      (document) => new Set(Object.keys(FIELD_SHARE).flatMap((field) => wordsOf(document[field as keyof typeof FIELD_SHARE]))),
    );
    for (const words of wordsByDocument) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    for (const [word, count] of frequency) this.idf.set(word, Math.log(1 + documents.length / count));
    this.vectors = new Float32Array(documents.length * this.dims);
    documents.forEach((document, row) =>
      this.vectors.set(
        this.embed(
          Object.entries(FIELD_SHARE).map(([field, share]) => [wordsOf(document[field as keyof typeof FIELD_SHARE]), share] as const),
        ),
        row * this.dims,
      ),
    );
  }

  /** Cosine similarity of the query with every document, by document position; undefined when no query word has a vector. */
  similarities(words: readonly string[]): Float32Array | undefined {
    const query = this.embed([[words, 1]]);
    if (query.every((value) => value === 0)) return undefined;
    const scores = new Float32Array(this.documents.length);
    for (let row = 0, offset = 0; row < this.documents.length; row++, offset += this.dims) {
      let dot = 0;
      for (let d = 0; d < this.dims; d++) dot += query[d]! * this.vectors[offset + d]!;
      scores[row] = dot;
    }
    return scores;
  }

  /** The normalised, IDF- and share-weighted sum of the vectors of the words that have one. */
  private embed(groups: ReadonlyArray<readonly [readonly string[], number]>): Float32Array {
    const sum = new Float32Array(this.dims);
    const maxIdf = Math.log(1 + this.documents.length);
    for (const [words, share] of groups) {
      for (const word of words) {
        const vector = isContentWord(word) ? this.language.vector(word) : undefined;
        if (!vector) continue;
        const weight = share * (this.idf.get(word) ?? maxIdf);
        for (let d = 0; d < this.dims; d++) sum[d] = sum[d]! + weight * vector[d]!;
      }
    }
    const norm = Math.hypot(...sum) || 1;
    return sum.map((value) => value / norm);
  }
}
