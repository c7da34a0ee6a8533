import { readFileSync } from "node:fs";
import { join } from "node:path";

const POS = ["noun", "verb", "adj", "adv"] as const;

/** Small words of phrasal verbs and idioms ("sign off", "keep an eye on") that a vocabulary of content words leaves out. */
const PARTICLES = new Set([
  "up",
  "down",
  "off",
  "on",
  "out",
  "in",
  "over",
  "back",
  "away",
  "through",
  "about",
  "around",
  "an",
  "a",
  "the",
  "to",
  "of",
  "for",
  "with",
  "at",
  "by",
  "into",
  "onto",
]);

/** synset offset -> its lemmas (multi-word ones with spaces), per part of speech (from data.<pos>). */
function synsetsOf(dict: string, pos: string): Map<string, string[]> {
  const synsets = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (!/^\d{8} /.test(line)) continue;
    const fields = line.split(" ");
    const count = parseInt(fields[3]!, 16);
    const lemmas = Array.from({ length: count }, (_, index) => fields[4 + index * 2]!.toLowerCase().replace(/\(.*\)$/, ""));
    synsets.set(
      fields[0]!,
      lemmas.filter((lemma) => /^[a-z]+(_[a-z]+)*$/.test(lemma)).map((lemma) => lemma.replace(/_/g, " ")),
    );
  }
  return synsets;
}

const SS_TYPE: Record<string, (typeof POS)[number]> = { "1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj" };

/** How often each sense was seen in WordNet's tagged corpora (index.sense), by "<pos>:<offset>". */
function tagCounts(dict: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(join(dict, "index.sense"), "utf8").split("\n")) {
    const [key, offset, , count] = line.split(" ");
    if (!key || !offset) continue;
    const pos = SS_TYPE[key.split("%")[1]?.[0] ?? ""];
    if (pos) counts.set(`${pos}:${offset}`, (counts.get(`${pos}:${offset}`) ?? 0) + Number(count));
  }
  return counts;
}

/**
 * The senses worth expanding a word into: the most frequent, and the next ones (at most
 * `max`) seen at least a fifth as often; an untagged word keeps its first sense only.
 */
function commonSenses(offsets: readonly string[], pos: string, counts: ReadonlyMap<string, number>, max: number): string[] {
  const first = counts.get(`${pos}:${offsets[0]}`) ?? 0;
  return offsets.slice(0, max).filter((offset, index) => index === 0 || (first > 0 && (counts.get(`${pos}:${offset}`) ?? 0) >= first / 5));
}

const known = (phrase: string, vocabulary: ReadonlySet<string>) =>
  phrase.split(" ").every((word) => vocabulary.has(word) || PARTICLES.has(word));

/**
 * Each word's or phrase's synonyms from WordNet: the other single-word lemmas of its common
 * senses (see commonSenses), within `vocabulary`. Phrases
 * are WordNet's multi-word lemmas (phrasal verbs and idioms: "kick off", "hand over"), kept when
 * their words are in the vocabulary or are particles.
 */
export function wordnetSynonyms(
  dict: string,
  vocabulary: ReadonlySet<string>,
  sensesPerPos: number,
  maxSynonyms: number,
): Map<string, string[]> {
  const synonyms = new Map<string, string[]>();
  const counts = tagCounts(dict);
  for (const pos of POS) {
    const synsets = synsetsOf(dict, pos);
    for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
      if (line.startsWith(" ") || !line) continue;
      const fields = line.trim().split(" ");
      const lemma = fields[0]!.replace(/_/g, " ");
      if (!known(lemma, vocabulary)) continue;
      const senseCount = Number(fields[2]);
      const offsets = commonSenses(fields.slice(fields.length - senseCount), pos, counts, sensesPerPos);
      const found = offsets
        .flatMap((offset) => synsets.get(offset) ?? [])
        .filter((word) => word !== lemma && !word.includes(" ") && vocabulary.has(word));
      const merged = [...new Set([...(synonyms.get(lemma) ?? []), ...found])].slice(0, maxSynonyms);
      if (merged.length) synonyms.set(lemma, merged);
    }
  }
  return synonyms;
}
