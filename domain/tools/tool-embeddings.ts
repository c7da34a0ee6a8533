import type { Logger } from "../ports/logger.js";
import type { TextEmbedder } from "../ports/tool-index.js";
import type { McpServer } from "../servers/server.js";
import type { ToolRecord } from "./tool.js";

/** What a tool's cloud embedding is made of: its name, title and description, and its server's name. */
export const embeddingText = (server: McpServer, record: ToolRecord) =>
  [record.name, record.definition?.title, record.definition?.description, `(${server.name})`].filter(Boolean).join(". ");

/**
 * Gives every present tool that has none a cloud embedding (a changed tool lost its old one),
 * when a provider is configured. A provider that fails leaves the tools without: search falls
 * back to the embedded ranker. Returns the records, and which of them gained a vector.
 */
export async function withEmbeddings(
  embedder: TextEmbedder | undefined,
  server: McpServer,
  records: readonly ToolRecord[],
  logger: Logger,
): Promise<{ records: ToolRecord[]; embedded: ToolRecord[] }> {
  const due = records.filter((record) => record.present && record.definition && !record.embedding);
  if (!embedder || due.length === 0) return { records: [...records], embedded: [] };
  let vectors: number[][];
  try {
    vectors = await embedder.embed(
      due.map((record) => embeddingText(server, record)),
      "document",
    );
  } catch (error) {
    logger.warn("tool embeddings unavailable", { serverId: server.id, error: (error as Error).message });
    return { records: [...records], embedded: [] };
  }
  const byName = new Map(due.map((record, index) => [record.name, { ...record, embedding: vectors[index]! }]));
  return { records: records.map((record) => byName.get(record.name) ?? record), embedded: [...byName.values()] };
}
