/**
 * Embeddings over any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama,
 * llama.cpp server) with the official SDK. Failures become the project's UpstreamError.
 */
import OpenAI from "openai";
import { UpstreamError } from "../errors/errors.ts";
import type { Embedder } from "./ports.ts";

export type OpenAIEmbedderOptions = {
  baseURL?: string;
  apiKey: string;
  model: string;
  /** Vector size the model returns; asked of the model at the first call when not given. */
  dimensions?: number;
  timeoutMs?: number;
  maxRetries?: number;
  /** Texts per request. */
  batchSize?: number;
  fetch?: typeof fetch;
};

export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const batchSize = options.batchSize ?? 64;

  const embed = async (texts: readonly string[]): Promise<number[][]> => {
    const vectors: number[][] = [];
    for (let offset = 0; offset < texts.length; offset += batchSize) {
      const batch = texts.slice(offset, offset + batchSize);
      let response: OpenAI.Embeddings.CreateEmbeddingResponse;
      try {
        response = await client.embeddings.create({ model: options.model, input: [...batch] });
      } catch (error) {
        const status = error instanceof OpenAI.APIError ? error.status : undefined;
        throw new UpstreamError(
          "embeddings_failed",
          `The embeddings endpoint failed for model "${options.model}": ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
            ...(status === undefined ? {} : { status }),
          },
        );
      }
      const ordered = [...response.data].sort((left, right) => left.index - right.index);
      if (ordered.length !== batch.length) {
        throw new UpstreamError(
          "embeddings_malformed",
          `The embeddings endpoint returned ${ordered.length} vectors for ${batch.length} texts.`,
        );
      }
      for (const item of ordered) vectors.push(item.embedding);
    }
    return vectors;
  };

  const dimensions = options.dimensions ?? (await embed(["dimension probe"]))[0]?.length;
  if (dimensions === undefined || dimensions === 0)
    throw new UpstreamError(
      "embeddings_malformed",
      "The embeddings endpoint returned an empty vector.",
    );
  return {
    provider: "openai-compatible",
    modelId: options.model,
    dimensions,
    embed: async (texts) => {
      const vectors = await embed(texts);
      const wrong = vectors.find((vector) => vector.length !== dimensions);
      if (wrong !== undefined)
        throw new UpstreamError(
          "embeddings_malformed",
          `The embeddings endpoint returned a vector of ${wrong.length} numbers; expected ${dimensions}.`,
        );
      return vectors;
    },
  };
}
