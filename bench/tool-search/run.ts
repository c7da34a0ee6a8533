// `npm run bench:tool-search`: the embedded ranker against a BM25 baseline on the committed
// evaluation set, what each of its parts adds, and its speed and size at the set's size and at
// 10,000 tools. Prints JSON.
import { DEFAULT_RANKER, type RankerSettings, TenantIndex } from "../../adapters/search/tenant-index.js";
import { language } from "../../adapters/search/language.js";
import { DEFAULT_EXPANSION } from "../../adapters/search/query-expansion.js";
import { bm25Baseline } from "./baseline.js";
import { loadCatalog, loadQueries, searchableTools } from "./eval-set.js";
import { score } from "./metrics.js";
import { footprint } from "./footprint.js";
import { speed } from "./speed.js";

const catalog = loadCatalog();
const queries = loadQueries();
const tools = searchableTools(catalog);
const all = () => true;

const none = { lexicon: 0, wordnet: 0, neighbour: 0, compound: 0 };
const VARIANTS: Record<string, RankerSettings> = {
  embedded: DEFAULT_RANKER,
  "without expansion": { ...DEFAULT_RANKER, expansion: null },
  "without product names": { ...DEFAULT_RANKER, productCues: false },
  "without name match": { ...DEFAULT_RANKER, nameWeight: 0 },
  "with word-vector meaning (dense, off by default)": { ...DEFAULT_RANKER, denseWeight: 1 },
  "expansion: lexicon only": { ...DEFAULT_RANKER, expansion: { ...none, lexicon: DEFAULT_EXPANSION.lexicon } },
  "expansion: WordNet only": { ...DEFAULT_RANKER, expansion: { ...none, wordnet: DEFAULT_EXPANSION.wordnet } },
  "expansion: vector neighbours only": { ...DEFAULT_RANKER, expansion: { ...none, neighbour: DEFAULT_EXPANSION.neighbour } },
  "expansion: compounds only": { ...DEFAULT_RANKER, expansion: { ...none, compound: DEFAULT_EXPANSION.compound } },
  "stemmed BM25F only (no expansion, names or name match)": { ...DEFAULT_RANKER, expansion: null, productCues: false, nameWeight: 0 },
};

const rankingsOf = (search: (query: string) => string[]) => new Map(queries.map((query) => [query.id, search(query.query)]));

const baseline = bm25Baseline(tools);
const quality: Record<string, ReturnType<typeof score>> = {
  "bm25 baseline (minisearch defaults)": score(
    queries,
    rankingsOf((query) => baseline(query, 10)),
  ),
  ...Object.fromEntries(
    Object.entries(VARIANTS).map(([name, settings]) => {
      const index = new TenantIndex(tools, language(), settings);
      return [
        name,
        score(
          queries,
          rankingsOf((query) => index.search(query, all, 10).map((hit) => hit.key)),
        ),
      ];
    }),
  ),
};

const embedded = quality.embedded!;
const bm25 = quality["bm25 baseline (minisearch defaults)"]!;
console.log(
  JSON.stringify(
    {
      set: { servers: catalog.length, tools: tools.length, queries: queries.length },
      quality,
      ratios: {
        paraphraseRecallAt5VsBm25: Number((embedded.paraphrase.recallAt5 / Math.max(0.001, bm25.paraphrase.recallAt5)).toFixed(2)),
        overallMrrVsBm25: Number((embedded.overall.mrrAt10 / Math.max(0.001, bm25.overall.mrrAt10)).toFixed(2)),
      },
      speed: speed(
        catalog,
        queries.map((query) => query.query),
      ),
      footprint: await footprint(),
    },
    null,
    2,
  ),
);
