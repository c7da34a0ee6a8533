import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { wordsOf } from "./text/tokenize.js";

/** Where the committed resources are: beside this module, or where a bundle copied them (SEARCH_RESOURCES_DIR, from the working directory). */
const resourcesDir = () =>
  process.env.SEARCH_RESOURCES_DIR ? resolve(process.env.SEARCH_RESOURCES_DIR) : fileURLToPath(new URL("./resources/", import.meta.url));
const resource = (file: string) => join(resourcesDir(), file);

/**
 * What the search knows of English and of software words, all generated or written into
 * resources/ and committed (scripts/search-resources makes the generated ones): WordNet
 * synonyms, word-vector neighbours and quantised vectors (from wink's GloVe-style embeddings),
 * and a hand-written lexicon of software and API vocabulary.
 */
export interface Language {
  /** WordNet synonyms of a word or phrase (words space-separated: "kick off"). */
  synonyms(phrase: string): readonly string[];
  /** The longest phrase in words, of the lexicon and of WordNet. */
  readonly longestPhrase: number;
  neighbours(word: string): ReadonlyArray<readonly [string, number]>;
  /** The unit vector of a word, if it is among the words that have one. */
  vector(word: string): Float32Array | undefined;
  readonly dims: number;
  /** Lexicon groups a phrase (its words, space-separated) belongs to; each group lists phrases as word arrays. */
  lexiconGroups(phrase: string): ReadonlyArray<ReadonlyArray<readonly string[]>>;
}

const lines = (file: string) =>
  readFileSync(resource(file), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"));

function wordLists(file: string): Map<string, string[]> {
  return new Map(
    lines(file)
      .map((line) => line.split(" "))
      .map(([word, ...rest]) => [word!, rest]),
  );
}

/** "<word or phrase>|<synonym> <synonym> ..." lines. */
function phraseLists(file: string): Map<string, string[]> {
  return new Map(
    lines(file)
      .map((line) => line.split("|"))
      .map(([phrase, list]) => [phrase!, list!.split(" ")]),
  );
}

function loadVectors() {
  const { dims, scale } = JSON.parse(readFileSync(resource("vectors.json"), "utf8")) as { dims: number; scale: number };
  const bytes = new Int8Array(readFileSync(resource("vectors.i8")).buffer.slice(0));
  const rows = new Map(lines("vectors.words.txt").map((word, row) => [word, row]));
  return { dims, scale, bytes, rows };
}

function loadLexicon() {
  const groups = lines("lexicon.txt").map((line) =>
    line
      .split(",")
      .map((phrase) => wordsOf(phrase))
      .filter((words) => words.length > 0),
  );
  const byPhrase = new Map<string, string[][][]>();
  for (const group of groups)
    for (const phrase of group) byPhrase.set(phrase.join(" "), [...(byPhrase.get(phrase.join(" ")) ?? []), group]);
  return { byPhrase, longest: Math.max(...groups.flat().map((phrase) => phrase.length)) };
}

let loaded: Language | undefined;

/** The language resources, read once per process on first use. */
export function language(): Language {
  if (loaded) return loaded;
  const synonyms = phraseLists("synonyms.txt");
  const neighbours = new Map(
    [...wordLists("neighbours.txt")].map(([word, list]) => [
      word,
      list.map((entry) => entry.split(":")).map(([other, sim]) => [other!, Number(sim)] as const),
    ]),
  );
  // Word vectors serve only the dense signal, off by default: read on first use.
  let vectors: ReturnType<typeof loadVectors> | undefined;
  const vectorsOnce = () => (vectors ??= loadVectors());
  const lexicon = loadLexicon();
  loaded = {
    synonyms: (word) => synonyms.get(word) ?? [],
    neighbours: (word) => neighbours.get(word) ?? [],
    vector(word) {
      const { rows, bytes, dims, scale } = vectorsOnce();
      const row = rows.get(word);
      if (row === undefined) return undefined;
      return Float32Array.from(bytes.subarray(row * dims, (row + 1) * dims), (value) => value * scale);
    },
    get dims() {
      return vectorsOnce().dims;
    },
    lexiconGroups: (phrase) => lexicon.byPhrase.get(phrase) ?? [],
    longestPhrase: Math.max(lexicon.longest, ...[...synonyms.keys()].map((phrase) => phrase.split(" ").length)),
  };
  return loaded;
}
