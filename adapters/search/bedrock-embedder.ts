import type { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import type { TextEmbedder } from "../../domain/ports/tool-index.js";
import { forEachLimited } from "../../domain/shared/concurrency.js";
import { UpstreamError } from "../../domain/shared/upstream-error.js";

export interface BedrockEmbedderOptions {
  region: string;
  /** Default: Amazon Titan Text Embeddings v2. */
  modelId?: string;
  /** 256, 512 or 1024 (Titan v2). */
  dimensions?: number;
  /** A Bedrock-runtime-compatible endpoint (tests); unset on AWS. */
  endpoint?: string;
}

/** Texts longer than this are cut (Titan v2 takes up to 8k tokens; tool texts are far shorter). */
const MAX_TEXT = 8000;

/**
 * Amazon Bedrock embeddings (Titan Text Embeddings v2 by default), one InvokeModel per text,
 * normalised so cosine similarity is a dot product. Failures are UpstreamErrors: search falls
 * back to the embedded ranker.
 */
export class BedrockEmbedder implements TextEmbedder {
  /** Loaded with the first embedding: a function that never embeds never parses the client. */
  private client: Promise<{ client: BedrockRuntimeClient; InvokeModelCommand: typeof InvokeModelCommand }> | undefined;
  private readonly options: BedrockEmbedderOptions;
  private readonly modelId: string;
  private readonly dimensions: number;

  constructor(options: BedrockEmbedderOptions) {
    this.options = options;
    this.modelId = options.modelId ?? "amazon.titan-embed-text-v2:0";
    this.dimensions = options.dimensions ?? 256;
  }

  /** Titan v2 embeds documents and queries alike (`purpose` matters to other models). */
  async embed(texts: readonly string[], _purpose?: "document" | "query"): Promise<number[][]> {
    const vectors: number[][] = new Array<number[]>(texts.length);
    await forEachLimited([...texts.keys()], 4, async (index) => {
      vectors[index] = await this.embedOne(texts[index]!);
    });
    return vectors;
  }

  private async loadClient() {
    const { BedrockRuntimeClient, InvokeModelCommand } = await import("@aws-sdk/client-bedrock-runtime");
    const { region, endpoint } = this.options;
    const local = endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {};
    return { client: new BedrockRuntimeClient({ region, maxAttempts: 3, ...local }), InvokeModelCommand };
  }

  private async embedOne(text: string): Promise<number[]> {
    try {
      const { client, InvokeModelCommand } = await (this.client ??= this.loadClient());
      const response = await client.send(
        new InvokeModelCommand({
          modelId: this.modelId,
          contentType: "application/json",
          accept: "application/json",
          body: JSON.stringify({ inputText: text.slice(0, MAX_TEXT), dimensions: this.dimensions, normalize: true }),
        }),
      );
      const { embedding } = JSON.parse(new TextDecoder().decode(response.body)) as { embedding?: number[] };
      if (!Array.isArray(embedding) || embedding.length === 0) throw new Error("no embedding");
      return embedding;
    } catch {
      throw new UpstreamError("unreachable", "The embedding model did not answer.");
    }
  }
}
