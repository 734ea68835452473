/**
 * Embeddings over any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama,
 * llama.cpp server) through LangChain's `OpenAIEmbeddings`; retries and timeout are LangChain's
 * options. Failures become the project's UpstreamError. The `dimensions` option is the size the
 * model is expected to return (checked on every vector), not sent to the server: many
 * OpenAI-compatible servers reject the field.
 */
import { OpenAIEmbeddings } from "@langchain/openai";
import { UpstreamError } from "../errors/errors.ts";
import { retryPolicy, statusOf } from "../model/retry-policy.ts";
import type { Embedder } from "../ports/embedder.ts";

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
  const batchSize = options.batchSize ?? 64;
  const client = new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey,
    batchSize,
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    onFailedAttempt: retryPolicy(8_000),
    stripNewLines: false,
    configuration: {
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    },
  });

  const embed = async (texts: readonly string[]): Promise<number[][]> => {
    if (texts.length === 0) return [];
    let vectors: number[][];
    try {
      vectors = await client.embedDocuments([...texts]);
    } catch (error) {
      if (error instanceof TypeError)
        throw new UpstreamError(
          "embeddings_malformed",
          `The embeddings endpoint for model "${options.model}" answered with a body that is not a list of embeddings (${error.message}).`,
          { cause: error },
        );
      const status = statusOf(error);
      throw new UpstreamError(
        "embeddings_failed",
        `The embeddings endpoint failed for model "${options.model}": ${error instanceof Error ? error.message : String(error)}`,
        { cause: error, ...(status === undefined ? {} : { status }) },
      );
    }
    if (vectors.length !== texts.length || vectors.some((vector) => !Array.isArray(vector)))
      throw new UpstreamError(
        "embeddings_malformed",
        `The embeddings endpoint returned ${vectors.filter(Array.isArray).length} vectors for ${texts.length} texts.`,
      );
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
