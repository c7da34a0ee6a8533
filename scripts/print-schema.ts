import { readFile, writeFile } from "node:fs/promises";
import { printSchema } from "graphql";
import { schema } from "../graphql/schema.js";

/** Writes schema.graphql, or with --check fails when the committed file is stale. */
const path = new URL("../schema.graphql", import.meta.url);
const printed = printSchema(schema) + "\n";

if (process.argv.includes("--check")) {
  const committed = await readFile(path, "utf8").catch(() => "");
  if (committed !== printed) {
    console.error("schema.graphql is out of date with the code: run `npm run schema:print` and commit it.");
    process.exit(1);
  }
  console.log("schema.graphql is up to date.");
} else {
  await writeFile(path, printed);
  console.log("wrote schema.graphql");
}
