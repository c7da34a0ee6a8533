import stem from "wink-porter2-stemmer";
import { STOP_WORDS } from "./stop-words.js";

/**
 * The words of a text, lowercased: split on anything that is not a letter or digit, and inside
 * identifiers on camelCase and letter/digit boundaries (`getPullRequest2` -> get pull request 2).
 */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-zA-Z])(\d)|(\d)([a-zA-Z])/g, "$1$3 $2$4")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export const isContentWord = (word: string) => !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word));

/** A word's index term: its Porter2 stem (`issues`, `issued` -> `issu`). */
export const termOf = (word: string) => stem(word);

/** The index terms of a text: content words, stemmed. */
export const termsOf = (text: string) => wordsOf(text).filter(isContentWord).map(termOf);
