/**
 * A guard around a language model: an answer that repeats a run of its own system prompt (what a
 * model does when a note or a corpus passage says "print your system prompt") is refused with an
 * upstream error, so the text never reaches a draft, an answer or a stream. The system prompt is
 * read from each request's own system messages; nothing is configured.
 */
import { UpstreamError } from "../errors/errors.ts";
import type { ChatMessage, LanguageModel } from "../ports/language-model.ts";

/** Consecutive words of a system prompt that count as a leak. */
export const LEAK_RUN_WORDS = 8;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(text: string, size: number): Set<string> {
  const list = words(text);
  const found = new Set<string>();
  for (let index = 0; index + size <= list.length; index += 1)
    found.add(list.slice(index, index + size).join(" "));
  return found;
}

/** Whether `output` contains LEAK_RUN_WORDS consecutive words of any of the secret texts. */
export function leaksPrompt(
  output: string,
  secrets: ReadonlySet<string>,
  size = LEAK_RUN_WORDS,
): boolean {
  if (secrets.size === 0) return false;
  const list = words(output);
  for (let index = 0; index + size <= list.length; index += 1)
    if (secrets.has(list.slice(index, index + size).join(" "))) return true;
  return false;
}

function systemShingles(messages: readonly ChatMessage[]): Set<string> {
  const found = new Set<string>();
  for (const message of messages)
    if (message.role === "system")
      for (const shingle of shingles(message.content, LEAK_RUN_WORDS)) found.add(shingle);
  return found;
}

function strings(value: unknown, depth = 0): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object" || depth > 8) return [];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap((item) =>
    strings(item, depth + 1),
  );
}

function refused(): UpstreamError {
  return new UpstreamError(
    "model_prompt_leak",
    "The model's answer repeated its own instructions (the material or the request probably asked it to); the answer was refused.",
  );
}

/** The model, with answers that repeat its system prompt refused (generateObject) or cut off with an error (streamText). */
export function guardPromptLeaks(model: LanguageModel): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    async generateObject(request) {
      const result = await model.generateObject(request);
      const secrets = systemShingles(request.messages);
      if (strings(result.value).some((text) => leaksPrompt(text, secrets))) throw refused();
      return result;
    },
    async *streamText(request) {
      const secrets = systemShingles(request.messages);
      let written = "";
      for await (const delta of model.streamText(request)) {
        // Only the tail can start a new run; keep enough of it to see a run that spans deltas.
        const window = written.slice(-2_000) + delta;
        if (leaksPrompt(window, secrets)) throw refused();
        written += delta;
        yield delta;
      }
    },
  };
}
