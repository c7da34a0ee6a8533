import type { Language } from "./language.js";
import { isContentWord, termOf, wordsOf } from "./text/tokenize.js";

/** How much an expansion counts, against the query's own words (1). */
export interface ExpansionWeights {
  lexicon: number;
  wordnet: number;
  /** Times the neighbour's cosine similarity. */
  neighbour: number;
  /** Two adjacent words written as one (`on call` -> `oncall`). */
  compound: number;
}

export const DEFAULT_EXPANSION: ExpansionWeights = { lexicon: 0.8, wordnet: 0.5, neighbour: 0.45, compound: 0.8 };

export interface ExpandedQuery {
  /** The query's content words, as typed (lowercased). */
  words: string[];
  /** Index terms to look for, each with its weight (the best reason it has to be there). */
  terms: Map<string, number>;
}

/** `rooms`, `booked`, `booking` -> the forms a dictionary lists them under. */
const dictionaryForms = (word: string) => [
  word,
  word.replace(/(?:es|s)$/, ""),
  word.replace(/(?:ed|ing)$/, ""),
  word.replace(/(?:ed|ing)$/, "e"),
];

/**
 * A query as terms to look for: its own words, the lexicon's alternatives for its words and
 * phrases, their WordNet synonyms and word-vector neighbours, and adjacent words joined.
 */
export function expandQuery(
  query: string,
  language: Language,
  weights: ExpansionWeights = DEFAULT_EXPANSION,
  /** Words no expansion may add: product names (a neighbour of "thursday" is "monday", which is also a product). */
  reserved: (word: string) => boolean = () => false,
): ExpandedQuery {
  const all = wordsOf(query);
  const words = all.filter(isContentWord);
  const terms = new Map<string, number>();
  const add = (word: string, weight: number) => {
    if (!isContentWord(word) || weight <= 0 || (weight < 1 && reserved(word))) return;
    const term = termOf(word);
    terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  for (const word of words) add(word, 1);
  for (const alternative of lexiconAlternatives(all, language)) for (const word of alternative) add(word, weights.lexicon);
  for (let i = 0; i + 1 < all.length; i++) add(all[i]! + all[i + 1]!, weights.compound);
  for (const word of words) {
    const form =
      dictionaryForms(word).find((candidate) => language.synonyms(candidate).length || language.neighbours(candidate).length) ?? word;
    for (const synonym of language.synonyms(form)) add(synonym, weights.wordnet);
    for (const [neighbour, similarity] of language.neighbours(form)) add(neighbour, weights.neighbour * similarity);
  }
  return { words, terms };
}

/** The other phrases of every lexicon group a phrase of the query (longest first) belongs to. */
function lexiconAlternatives(words: readonly string[], language: Language): string[][] {
  const found: string[][] = [];
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(language.longestPhrase, words.length - start); length >= 1; length--) {
      const phrase = words.slice(start, start + length);
      const groups = language.lexiconGroups(phrase.join(" ")).concat(language.lexiconGroups(phrase.map(singular).join(" ")));
      if (groups.length === 0) continue;
      for (const group of groups)
        found.push(...group.filter((alternative) => alternative.join(" ") !== phrase.join(" ")).map((alternative) => [...alternative]));
      break;
    }
  }
  return found;
}

const singular = (word: string) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
