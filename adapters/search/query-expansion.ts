import type { Concept } from "./bm25f.js";
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

export const DEFAULT_EXPANSION: ExpansionWeights = { lexicon: 0.8, wordnet: 0.6, neighbour: 0.5, compound: 0.8 };

export interface ExpandedQuery {
  /** The query's content words, as typed (lowercased). */
  words: string[];
  /**
   * What the query asks for, one concept per content word or recognised phrase: its own terms
   * and their alternatives, each weighted. A tool scores each concept once, by its best term, so
   * a long text matching many loose alternatives does not outscore one that matches the meaning.
   */
  concepts: Concept[];
}

/** `rooms`, `booked`, `booking` -> the forms a dictionary lists them under. */
const dictionaryForms = (word: string) => [
  word,
  word.replace(/(?:es|s)$/, ""),
  word.replace(/(?:ed|ing)$/, ""),
  word.replace(/(?:ed|ing)$/, "e"),
];

const singular = (word: string) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);

class ConceptBuilder {
  readonly terms = new Map<string, number>();
  constructor(private readonly reserved: (word: string) => boolean) {}

  add(word: string, weight: number): this {
    if (!isContentWord(word) || weight <= 0 || (weight < 1 && this.reserved(word))) return this;
    const term = termOf(word);
    this.terms.set(term, Math.max(this.terms.get(term) ?? 0, weight));
    return this;
  }

  addAll(words: Iterable<string>, weight: number): this {
    for (const word of words) this.add(word, weight);
    return this;
  }
}

/**
 * A query as concepts to look for: its words with their WordNet synonyms and word-vector
 * neighbours; its phrases ("kick off", "pull request") with their lexicon and WordNet
 * alternatives; adjacent words joined (`on call` -> `oncall`).
 */
export function expandQuery(
  query: string,
  language: Language,
  weights: ExpansionWeights = DEFAULT_EXPANSION,
  /** Words no expansion may add: product names (a neighbour of "thursday" is "monday", which is also a product). */
  reserved: (word: string) => boolean = () => false,
): ExpandedQuery {
  const all = queryWords(query, reserved);
  const concept = () => new ConceptBuilder(reserved);
  const concepts: ConceptBuilder[] = [];
  const inPhrase = new Set<number>();
  for (const [start, length, alternatives] of phrasesOf(all, language, weights)) {
    // A phrase's own words count each; its alternatives ("merge request" -> "pull request", "mr") once, as one more concept.
    const own = all.slice(start, start + length).filter(isContentWord);
    for (let i = start; i < start + length; i++) inPhrase.add(i);
    for (const word of own) concepts.push(concept().add(word, 1));
    const builder = concept();
    for (const [alternative, weight] of alternatives)
      builder.addAll(
        alternative.filter((word) => !own.includes(word)),
        weight,
      );
    concepts.push(builder);
  }
  all.forEach((word, position) => {
    if (!isContentWord(word) || inPhrase.has(position)) return;
    const form =
      dictionaryForms(word).find((candidate) => language.synonyms(candidate).length || language.neighbours(candidate).length) ?? word;
    const builder = concept().add(word, 1).addAll(language.synonyms(form), weights.wordnet);
    for (const [alternative, weight] of alternativesOf([word], language, weights, false)) builder.addAll(alternative, weight);
    for (const [neighbour, similarity] of language.neighbours(form)) builder.add(neighbour, weights.neighbour * similarity);
    concepts.push(builder);
  });
  for (let i = 0; i + 1 < all.length; i++) concepts.push(concept().add(all[i]! + all[i + 1]!, weights.compound));
  return { words: all.filter(isContentWord), concepts: concepts.map((builder) => builder.terms).filter((terms) => terms.size > 0) };
}

/** A query's words; a product name written as one identifier stays whole (`GitLab` is gitlab, not also git and lab). */
function queryWords(query: string, isName: (word: string) => boolean): string[] {
  return query.split(/[^A-Za-z0-9]+/).flatMap((run) => (run && isName(run.toLowerCase()) ? [run.toLowerCase()] : wordsOf(run)));
}

/** The phrases (two words or more) of a query the lexicon or WordNet knows, longest first, left to right, each with its alternatives. */
function phrasesOf(
  words: readonly string[],
  language: Language,
  weights: ExpansionWeights,
): Array<[number, number, Array<[readonly string[], number]>]> {
  const found: Array<[number, number, Array<[readonly string[], number]>]> = [];
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(language.longestPhrase, words.length - start); length >= 2; length--) {
      const phrase = words.slice(start, start + length);
      const alternatives = alternativesOf(phrase, language, weights, true);
      if (alternatives.length === 0) continue;
      found.push([start, length, alternatives]);
      start += length - 1;
      break;
    }
  }
  return found;
}

function alternativesOf(
  phrase: readonly string[],
  language: Language,
  weights: ExpansionWeights,
  multiword: boolean,
): Array<[readonly string[], number]> {
  const spelled = [phrase.join(" "), phrase.map(singular).join(" ")];
  const lexicon = spelled
    .flatMap((text) => language.lexiconGroups(text))
    .flat()
    .filter((alternative) => !spelled.includes(alternative.join(" ")));
  const wordnet = multiword ? spelled.flatMap((text) => language.synonyms(text)).map((word) => [word]) : [];
  return [
    ...lexicon.map((alternative) => [alternative, weights.lexicon] as [readonly string[], number]),
    ...wordnet.map((alternative) => [alternative, weights.wordnet] as [readonly string[], number]),
  ];
}
