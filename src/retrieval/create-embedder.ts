/** The embedder the settings name: the built-in one, or a model over the OpenAI-compatible API. */
import type { Settings } from "../config.ts";
import { createHashingEmbedder } from "./hashing-embedder.ts";
import { createOpenAIEmbedder } from "./openai-embedder.ts";
import type { Embedder } from "../ports/embedder.ts";

export async function createEmbedderFromSettings(
  settings: Settings,
  options: { fetch?: typeof fetch } = {},
): Promise<Embedder> {
  if (settings.EMBEDDER === "builtin" || settings.EMBEDDING_MODEL === undefined)
    return createHashingEmbedder();
  return createOpenAIEmbedder({
    apiKey: settings.OPENAI_API_KEY ?? "not-needed",
    model: settings.EMBEDDING_MODEL,
    timeoutMs: settings.MODEL_TIMEOUT_MS,
    ...(settings.OPENAI_BASE_URL === undefined ? {} : { baseURL: settings.OPENAI_BASE_URL }),
    ...(settings.EMBEDDING_DIMENSIONS === undefined
      ? {}
      : { dimensions: settings.EMBEDDING_DIMENSIONS }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}
