import type { Concept } from "./bm25f.js";
import { namesOf, termOf, termsOf } from "./text/tokenize.js";
import type { ToolDocument } from "./tool-document.js";

/** Below this share of a tool's name covered, the name signal says nothing. */
const MIN_COVERAGE = 0.75;
/** Only the query's own words cover a name: alternatives would name too many tools. */
const MIN_CREDIT = 1;

/**
 * How much of a tool's name the query says: "list mail folders" is all of `list-mail-folders`.
 * Keyword queries name tools; this ranks exact and near names first, where BM25's saturation
 * would let a tool that repeats one of the words win. The product's own name in a tool name
 * (`linear_createIssue`) is not required.
 */
export class NameMatch {
  private readonly names: Array<ReadonlySet<string>>;

  constructor(documents: readonly ToolDocument[], serverNames: ReadonlyMap<string, string>) {
    this.names = documents.map((document) => {
      const product = new Set(namesOf(serverNames.get(document.serverId) ?? "").map(termOf));
      return new Set(termsOf(document.name).filter((term) => !product.has(term)));
    });
  }

  /** Among `candidates`, those whose name the query covers enough, best covered first (ties: by `score`). */
  ranking(concepts: readonly Concept[], candidates: Iterable<number>, score: (position: number) => number): number[] {
    const credit = new Map<string, number>();
    for (const concept of concepts)
      for (const [term, weight] of concept) if (weight >= MIN_CREDIT) credit.set(term, Math.max(credit.get(term) ?? 0, weight));
    const covered: Array<[number, number]> = [];
    for (const position of candidates) {
      const name = this.names[position]!;
      if (name.size === 0) continue;
      let sum = 0;
      for (const term of name) sum += credit.get(term) ?? 0;
      if (sum / name.size >= MIN_COVERAGE) covered.push([position, sum / name.size]);
    }
    return covered.sort(([a, x], [b, y]) => y - x || score(b) - score(a)).map(([position]) => position);
  }
}
