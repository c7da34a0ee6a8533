import stem from "wink-porter2-stemmer";
import { STOP_WORDS } from "./stop-words.js";

/** Runs of letters and digits, lowercased, as written (`GitLab` -> gitlab). */
export const namesOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * The words of a text, lowercased: split on anything that is not a letter or digit, and inside
 * identifiers on camelCase and letter/digit boundaries (`getPullRequest2` -> get pull request 2),
 * keeping the identifier whole as well (`GitLab` -> git lab gitlab), so a name is found as written.
 */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const run of text.split(/[^A-Za-z0-9]+/)) if (run) words.push(...remembered(identifiers, run, splitIdentifier));
  return words;
}

function splitIdentifier(run: string): string[] {
  if (/^[a-z]+$/.test(run)) return [run];
  const parts = run
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-zA-Z])(\d)|(\d)([a-zA-Z])/g, "$1$3 $2$4")
    .toLowerCase()
    .split(" ");
  return parts.length > 1 && /[a-z][A-Z]/.test(run) ? [...parts, run.toLowerCase()] : parts;
}

export const isContentWord = (word: string) => !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word));

const identifiers = new Map<string, string[]>();
const stems = new Map<string, string>();
const MAX_REMEMBERED = 200_000;

/** Catalogs repeat their words: each identifier is split, and each word stemmed, once. */
function remembered<T>(memory: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = memory.get(key);
  if (value === undefined) {
    value = compute(key);
    if (memory.size >= MAX_REMEMBERED) memory.clear();
    memory.set(key, value);
  }
  return value;
}

/** A word's index term: its Porter2 stem (`issues`, `issued` -> `issu`). */
export const termOf = (word: string): string => remembered(stems, word, stem);

/** The index terms of a text: content words, stemmed. */
export const termsOf = (text: string) => wordsOf(text).filter(isContentWord).map(termOf);
