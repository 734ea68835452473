/** One chat-model factory for the Node server and the Worker: the settings decide, LangChain carries the calls. */
import type { Settings } from "../config.ts";
import type { LanguageModel } from "../ports/language-model.ts";
import { guardPromptLeaks } from "../security/prompt-leak-guard.ts";
import { createLangChainLanguageModel } from "./langchain-language-model.ts";
import { createOtlpExporter } from "./otlp-exporter.ts";

/** The chat model when CHAT_MODEL is set (drafting and answers run offline without it). */
export function createLanguageModelFromSettings(
  settings: Settings,
  options: { fetch?: typeof fetch } = {},
): LanguageModel | undefined {
  if (settings.CHAT_MODEL === undefined) return undefined;
  // Answers that repeat the system prompt (an obeyed injection) are refused before any route sees them.
  return guardPromptLeaks(
    createLangChainLanguageModel({
      apiKey: settings.OPENAI_API_KEY ?? "not-needed",
      model: settings.CHAT_MODEL,
      timeoutMs: settings.MODEL_TIMEOUT_MS,
      maxRetries: settings.MODEL_MAX_RETRIES,
      ...(settings.OPENAI_BASE_URL === undefined ? {} : { baseURL: settings.OPENAI_BASE_URL }),
      ...(settings.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
        ? {}
        : {
            onTrace: createOtlpExporter({
              endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT,
              ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
              onError: (error) => console.error("model trace export failed", error),
            }).sink,
          }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    }),
  );
}
