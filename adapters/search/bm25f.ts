/**
 * BM25F (Robertson, Zaragoza and Taylor, 2004): a term's frequency is summed over a document's
 * fields, each weighted and normalised by that field's length, and saturated once; times the
 * term's IDF. Each term's weight in each document (its impact) is computed when the index is
 * built, so a query only walks the postings of its terms.
 */
export interface FieldSpec {
  /** How much an occurrence in this field counts. */
  weight: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

export interface Postings {
  readonly documents: Int32Array;
  readonly impacts: Float32Array;
}

/** One meaning of a query: alternative terms, each with how much it counts; a document scores its best one. */
export type Concept = ReadonlyMap<string, number>;

export class Bm25fIndex<F extends string> {
  private readonly postings = new Map<string, Postings>();
  private readonly idfs = new Map<string, number>();
  readonly size: number;

  constructor(documents: ReadonlyArray<Record<F, readonly string[]>>, fields: Record<F, FieldSpec>, k1 = 1.2) {
    this.size = documents.length;
    const names = Object.keys(fields) as F[];
    const averageLength = Object.fromEntries(
      names.map((field) => [
        field,
        documents.reduce((sum, document) => sum + document[field].length, 0) / Math.max(1, documents.length) || 1,
      ]),
    ) as Record<F, number>;
    const pseudoFrequencies = new Map<string, Array<[number, number]>>();
    documents.forEach((document, position) => {
      const frequency = new Map<string, number>();
      for (const field of names) {
        const { weight, b } = fields[field];
        const norm = 1 - b + b * (document[field].length / averageLength[field]);
        for (const term of document[field]) frequency.set(term, (frequency.get(term) ?? 0) + weight / norm);
      }
      for (const [term, value] of frequency) {
        const list = pseudoFrequencies.get(term);
        if (list) list.push([position, value]);
        else pseudoFrequencies.set(term, [[position, value]]);
      }
    });
    for (const [term, entries] of pseudoFrequencies) {
      const idf = Math.log(1 + (this.size - entries.length + 0.5) / (entries.length + 0.5));
      this.idfs.set(term, idf);
      this.postings.set(term, {
        documents: Int32Array.from(entries, ([position]) => position),
        impacts: Float32Array.from(entries, ([, value]) => (idf * value * (k1 + 1)) / (k1 + value)),
      });
    }
  }

  /** How rare a term is (undefined: no document has it). */
  idf(term: string): number | undefined {
    return this.idfs.get(term);
  }

  /** Adds to `scores` each concept's best term score per document, for the documents `admitted` takes. */
  scoreConcepts(concepts: readonly Concept[], admitted: (position: number) => boolean, scores: Float32Array): Set<number> {
    const matched = new Set<number>();
    const best = new Float32Array(this.size);
    for (const concept of concepts) {
      const touched: number[] = [];
      for (const [term, weight] of concept) {
        const postings = this.postings.get(term);
        if (!postings) continue;
        for (let i = 0; i < postings.documents.length; i++) {
          const position = postings.documents[i]!;
          const value = weight * postings.impacts[i]!;
          if (value <= best[position]!) continue;
          if (best[position] === 0) touched.push(position);
          best[position] = value;
        }
      }
      for (const position of touched) {
        if (admitted(position)) {
          scores[position] = scores[position]! + best[position]!;
          matched.add(position);
        }
        best[position] = 0;
      }
    }
    return matched;
  }
}
