/** Reciprocal-rank fusion: every signal votes 1/(k + rank) for its documents, weighted (Cormack et al., 2009). */
export function reciprocalRankFusion(rankings: ReadonlyArray<{ ranked: readonly number[]; weight: number }>, k = 60): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ranked, weight } of rankings) {
    ranked.forEach((document, rank) => fused.set(document, (fused.get(document) ?? 0) + weight / (k + rank + 1)));
  }
  return fused;
}

/** Positions of the `count` largest scores (ties by position), largest first, skipping positions `skip` refuses. */
export function topPositions(scores: Float32Array, count: number, keep: (position: number) => boolean): number[] {
  const chosen: number[] = [];
  let floor = -Infinity;
  for (let position = 0; position < scores.length; position++) {
    const score = scores[position]!;
    if ((chosen.length >= count && score <= floor) || !keep(position)) continue;
    chosen.push(position);
    if (chosen.length > count * 2) {
      chosen.sort((a, b) => scores[b]! - scores[a]! || a - b);
      chosen.length = count;
      floor = scores[chosen[count - 1]!]!;
    }
  }
  return chosen.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, count);
}
