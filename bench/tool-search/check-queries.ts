/**
 * `npx tsx bench/tool-search/check-queries.ts`: validates queries.json against catalog.json. Every
 * expected id (`<slug>__<toolName>`) must exist, kinds must be valid and ids unique, and a `paraphrase`
 * query may share at most one content word (stop words dropped, crude s/es/ing/ed stripping) with
 * each expected tool's name (split on _ - . and camelCase), title and description. Prints every problem and exits 1 if any.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const KINDS = ["paraphrase", "keyword", "cross-server", "ambiguous"] as const;
type Kind = (typeof KINDS)[number];

interface Tool {
  name: string;
  title?: string;
  description?: string;
}
interface Server {
  slug: string;
  name: string;
  tools: Tool[];
}
interface Query {
  id: string;
  query: string;
  kind: Kind;
  expected: string[];
}

/** A common English stop-word list (NLTK's, plus a few contractions and fillers). */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both but by
  can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't
  have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
  isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out
  over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
  there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll
  we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
  you'd you'll you're you've your yours yourself yourselves s t d ll m o re ve y just also please e g eg ie etc`.split(/\s+/),
);

/** Crude stemming: drop -ing/-ed/-es/-s, then a final -e, so issue/issues and create/created/creating meet. */
function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith("es")) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** Content words: split on non-letters (and camelCase for tool names), lowercased, stop words dropped, stemmed. */
function contentWords(text: string, camelCase = false): Set<string> {
  const spaced = camelCase ? text.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2") : text;
  const words = spaced
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^a-z0-9']+/)
    .map((word) => word.replace(/^'+|'+$/g, ""))
    .filter((word) => word !== "" && !STOP_WORDS.has(word));
  return new Set(words.map((word) => stem(word.replace(/'s$/, ""))).filter((word) => word !== "" && !STOP_WORDS.has(word)));
}

/** A tool's words: its name split on _ - . and camelCase ("GitHub" in prose stays one word), its title and description. */
const toolWords = (tool: Tool) =>
  new Set([...contentWords(tool.name, true), ...contentWords(`${tool.title ?? ""} ${tool.description ?? ""}`)]);

function checkFields(query: Query, where: string, seen: Set<string>): string[] {
  const problems: string[] = [];
  if (typeof query.id !== "string" || !/^q\d{3,}$/.test(query.id)) problems.push(`${where}: id must look like q001`);
  else if (seen.has(query.id)) problems.push(`${where}: duplicate id`);
  seen.add(query.id);
  if (typeof query.query !== "string" || query.query.trim() === "") problems.push(`${where}: empty query`);
  if (!KINDS.includes(query.kind)) problems.push(`${where}: kind ${String(query.kind)} is not one of ${KINDS.join(", ")}`);
  return problems;
}

function checkExpected(query: Query, where: string, tools: Map<string, Tool>): string[] {
  if (!Array.isArray(query.expected) || query.expected.length === 0) return [`${where}: expected must be a non-empty array`];
  const problems = query.expected.filter((id) => !tools.has(id)).map((id) => `${where}: expected ${id} is not in catalog.json`);
  if (new Set(query.expected).size !== query.expected.length) problems.push(`${where}: expected lists a tool twice`);
  if (query.kind === "ambiguous" && query.expected.length < 2) problems.push(`${where}: an ambiguous query needs several expected tools`);
  return problems;
}

function checkShape(query: Query, index: number, seen: Set<string>, tools: Map<string, Tool>): string[] {
  const where = `queries[${index}] ${query.id ?? "(no id)"}`;
  return [...checkFields(query, where, seen), ...checkExpected(query, where, tools)];
}

function checkParaphrase(query: Query, tools: Map<string, Tool>): string[] {
  if (query.kind !== "paraphrase") return [];
  const words = contentWords(query.query);
  return query.expected.flatMap((id) => {
    const tool = tools.get(id);
    if (tool === undefined) return [];
    const shared = [...toolWords(tool)].filter((word) => words.has(word));
    return shared.length > 1 ? [`${query.id}: paraphrase shares ${shared.length} content words with ${id}: ${shared.join(", ")}`] : [];
  });
}

function main() {
  const catalog = JSON.parse(readFileSync(join(HERE, "catalog.json"), "utf8")) as Server[];
  const queries = JSON.parse(readFileSync(join(HERE, "queries.json"), "utf8")) as Query[];
  const tools = new Map(catalog.flatMap((server) => server.tools.map((tool) => [`${server.slug}__${tool.name}`, tool] as const)));
  const seen = new Set<string>();
  const problems = queries.flatMap((query, index) => [...checkShape(query, index, seen, tools), ...checkParaphrase(query, tools)]);
  const kinds = Object.fromEntries(KINDS.map((kind) => [kind, queries.filter((query) => query.kind === kind).length]));
  const servers = new Set(queries.flatMap((query) => query.expected.map((id) => id.split("__")[0])));
  console.log(`${queries.length} queries ${JSON.stringify(kinds)}; targets on ${servers.size} of ${catalog.length} servers`);
  for (const problem of problems) console.log(problem);
  if (problems.length > 0) {
    console.log(`${problems.length} problems`);
    process.exit(1);
  }
}

main();
