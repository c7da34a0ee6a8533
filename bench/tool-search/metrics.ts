import type { EvalQuery, QueryKind } from "./eval-set.js";

export interface Scores {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrrAt10: number;
}

/** Rank of the first right answer (1-based), or Infinity. */
const firstHit = (ranked: readonly string[], expected: readonly string[]) => {
  const index = ranked.findIndex((key) => expected.includes(key));
  return index < 0 ? Infinity : index + 1;
};

/** Recall@1, Recall@5 (a right answer within the first k) and MRR@10, overall and per kind. */
export function score(
  queries: readonly EvalQuery[],
  rankings: ReadonlyMap<string, readonly string[]>,
): Record<"overall" | QueryKind, Scores> {
  const of = (subset: readonly EvalQuery[]): Scores => {
    const ranks = subset.map((query) => firstHit(rankings.get(query.id) ?? [], query.expected));
    const share = (hit: (rank: number) => number) =>
      Number((ranks.reduce((sum, rank) => sum + hit(rank), 0) / Math.max(1, ranks.length)).toFixed(3));
    return {
      queries: subset.length,
      recallAt1: share((rank) => (rank <= 1 ? 1 : 0)),
      recallAt5: share((rank) => (rank <= 5 ? 1 : 0)),
      mrrAt10: share((rank) => (rank <= 10 ? 1 / rank : 0)),
    };
  };
  const kinds: QueryKind[] = ["paraphrase", "keyword", "cross-server", "ambiguous"];
  return {
    overall: of(queries),
    ...Object.fromEntries(kinds.map((kind) => [kind, of(queries.filter((query) => query.kind === kind))])),
  } as Record<"overall" | QueryKind, Scores>;
}
