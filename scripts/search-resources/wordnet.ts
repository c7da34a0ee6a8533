import { readFileSync } from "node:fs";
import { join } from "node:path";

const POS = ["noun", "verb", "adj", "adv"] as const;

/** synset offset -> its single-word lemmas, per part of speech (from data.<pos>). */
function synsetsOf(dict: string, pos: string): Map<string, string[]> {
  const synsets = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (!/^\d{8} /.test(line)) continue;
    const fields = line.split(" ");
    const count = parseInt(fields[3]!, 16);
    const lemmas = Array.from({ length: count }, (_, index) => fields[4 + index * 2]!.toLowerCase().replace(/\(.*\)$/, ""));
    synsets.set(
      fields[0]!,
      lemmas.filter((lemma) => /^[a-z]+$/.test(lemma)),
    );
  }
  return synsets;
}

/**
 * Each word's synonyms from WordNet: the other single-word lemmas of its most frequent senses
 * (index.<pos> lists senses most frequent first), within `vocabulary`.
 */
export function wordnetSynonyms(
  dict: string,
  vocabulary: ReadonlySet<string>,
  sensesPerPos: number,
  maxSynonyms: number,
): Map<string, string[]> {
  const synonyms = new Map<string, string[]>();
  for (const pos of POS) {
    const synsets = synsetsOf(dict, pos);
    for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
      if (line.startsWith(" ") || !line) continue;
      const fields = line.trim().split(" ");
      const lemma = fields[0]!;
      if (!vocabulary.has(lemma)) continue;
      const senseCount = Number(fields[2]);
      const offsets = fields.slice(fields.length - senseCount).slice(0, sensesPerPos);
      const found = offsets.flatMap((offset) => synsets.get(offset) ?? []).filter((word) => word !== lemma && vocabulary.has(word));
      const merged = [...new Set([...(synonyms.get(lemma) ?? []), ...found])].slice(0, maxSynonyms);
      if (merged.length) synonyms.set(lemma, merged);
    }
  }
  return synonyms;
}
