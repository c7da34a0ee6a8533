import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BedrockEmbedder } from "../../../adapters/search/bedrock-embedder.js";
import { EmbeddedToolIndex } from "../../../adapters/search/embedded-tool-index.js";
import { FusedToolIndex } from "../../../adapters/search/fused-tool-index.js";
import { createJsonLogger } from "../../../adapters/logging/json-logger.js";
import type { SearchableTool } from "../../../domain/ports/tool-index.js";
import { startBedrockServer } from "../../support/bedrock-server.js";
import { corpus, everything, TOOLS } from "./fixtures.js";
import { toolIndexContract } from "./tool-index-contract.js";

// The stand-in model knows that "invoice" and "charge" mean the same, and so do "retro" and "event".
const bedrock = await startBedrockServer([
  ["invoice", "charge", "charges"],
  ["retro", "event"],
]);
const embedder = new BedrockEmbedder({ region: "us-east-1", endpoint: bedrock.url, dimensions: 256 });
const logs: string[] = [];
const fused = () =>
  new FusedToolIndex(new EmbeddedToolIndex(), embedder, createJsonLogger({ level: "warn", write: (line) => logs.push(line) }));
let embedded: SearchableTool[];

beforeAll(async () => {
  const vectors = await embedder.embed(
    TOOLS.map((tool) => `${tool.name}. ${tool.description}`),
    "document",
  );
  embedded = TOOLS.map((tool, index) => ({ ...tool, embedding: vectors[index]! }));
});
afterAll(() => bedrock.close());

toolIndexContract("fused with Bedrock embeddings", fused);

describe("Bedrock embeddings fused with the embedded ranker", () => {
  it("asks Titan Text Embeddings v2 for normalised vectors of the configured size", async () => {
    const [vector] = await embedder.embed(["hello world"], "query");
    expect(vector).toHaveLength(256);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    expect(bedrock.requests.at(-1)).toEqual({
      modelId: "amazon.titan-embed-text-v2:0",
      body: { inputText: "hello world", dimensions: 256, normalize: true },
    });
  });

  it("finds what only the cloud model knows, from the vectors stored on the tools", async () => {
    const hits = await fused().search(corpus(embedded, "e1"), "send an invoice", { allowed: everything, limit: 3 });
    expect(hits.map((hit) => hit.key)).toContain("payments__create_charge");
  });

  it("falls back to the embedded ranking when the model does not answer", async () => {
    bedrock.setDown(true);
    try {
      const hits = await fused().search(corpus(embedded, "e2"), "list issues", { allowed: everything, limit: 2 });
      expect(hits.map((hit) => hit.key).sort()).toEqual(["github__list_issues", "gitlab__list_issues"]);
      expect(logs.join("\n")).toContain("cloud embedding unavailable");
    } finally {
      bedrock.setDown(false);
    }
  });
});
