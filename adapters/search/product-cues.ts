import { isContentWord, namesOf, wordsOf } from "./text/tokenize.js";
import type { ToolDocument } from "./tool-document.js";

/** A name word is a product's only when at least this share of the tools whose text has it are that product's. */
const OWNERSHIP = 0.5;

/** word -> server id -> how many of that server's tools have the word (in their text or their server's name). */
function toolsWithWords(documents: readonly ToolDocument[], serverNames: ReadonlyMap<string, string>) {
  const counts = new Map<string, Map<string, number>>();
  for (const document of documents) {
    const words = new Set(
      wordsOf(`${document.name} ${document.title} ${document.description} ${serverNames.get(document.serverId) ?? ""}`),
    );
    for (const word of words) {
      const perServer = counts.get(word) ?? new Map<string, number>();
      perServer.set(document.serverId, (perServer.get(document.serverId) ?? 0) + 1);
      counts.set(word, perServer);
    }
  }
  return counts;
}

/** Whether `word` of a server's name names that server: a real word whose tools are mostly the server's own. */
function owns(word: string, serverId: string, perServer: ReadonlyMap<string, number> | undefined): boolean {
  if (!isContentWord(word) || word.length < 3 || !perServer) return false;
  const total = [...perServer.values()].reduce((sum, count) => sum + count, 0);
  return (perServer.get(serverId) ?? 0) / total >= OWNERSHIP;
}

/**
 * Product names in queries ("in Linear ...", "on GitHub"): the words of a server's name that
 * belong to it (mostly its own tools use them: "linear", "github", but not the "search" of
 * "Brave Search"). A query with such a word ranks that server's tools first.
 */
export class ProductCues {
  private readonly serversByWord = new Map<string, Set<string>>();

  constructor(documents: readonly ToolDocument[], serverNames: ReadonlyMap<string, string>) {
    const counts = toolsWithWords(documents, serverNames);
    for (const [serverId, name] of serverNames) {
      // Names as written: "GitLab" is gitlab, not git and lab.
      const words = namesOf(name);
      for (const word of new Set([...words, words.join("")])) {
        if (!owns(word, serverId, counts.get(word))) continue;
        this.serversByWord.set(word, new Set([...(this.serversByWord.get(word) ?? []), serverId]));
      }
    }
  }

  /** Whether a word is some product's name. */
  isName(word: string): boolean {
    return this.serversByWord.has(word);
  }

  /** The servers a query names. */
  named(words: readonly string[]): Set<string> {
    const named = new Set<string>();
    const candidates = [...words, ...words.slice(1).map((word, index) => words[index] + word)];
    for (const word of candidates) for (const serverId of this.serversByWord.get(word) ?? []) named.add(serverId);
    return named;
  }
}
