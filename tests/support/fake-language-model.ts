/**
 * An in-process `LanguageModel` for unit tests of drafting: it records every call and replays
 * scripted answers in order (vercel/ai `MockLanguageModelV3` style). An answer is a value, an
 * error to throw, or a function of the call; objects are checked against the request's schema
 * the way the real adapter does, so a scripted wrong shape becomes model_malformed_output.
 */
import type { z } from "zod";
import { UpstreamError } from "../../src/errors/errors.ts";
import type { ChatMessage, LanguageModel, ModelUsage } from "../../src/ports/language-model.ts";

export type GenerateObjectCall = {
  messages: readonly ChatMessage[];
  schemaName: string;
  schema: z.ZodType<unknown>;
};
export type StreamTextCall = { messages: readonly ChatMessage[] };

/** One answer to generateObject. */
export type FakeObjectAnswer =
  | { value: unknown; usage?: ModelUsage; latencyMs?: number }
  | { error: Error }
  | ((call: GenerateObjectCall, index: number) => unknown);

/** One answer to streamText: the deltas, optionally followed by an error. */
export type FakeTextAnswer =
  | { deltas: readonly string[]; error?: Error }
  | { error: Error }
  | ((call: StreamTextCall, index: number) => readonly string[]);

export type FakeLanguageModelOptions = {
  provider?: string;
  modelId?: string;
  objects?: FakeObjectAnswer[];
  texts?: FakeTextAnswer[];
};

export type FakeLanguageModel = LanguageModel & {
  readonly generateObjectCalls: GenerateObjectCall[];
  readonly streamTextCalls: StreamTextCall[];
  /** Answers still to be given; push more during a test. */
  readonly objects: FakeObjectAnswer[];
  readonly texts: FakeTextAnswer[];
};

/** Shorthand for the adapter's errors: `upstreamError("model_timeout")`. */
export function upstreamError(code: string, message = `fake ${code}`): UpstreamError {
  return new UpstreamError(code, message);
}

export function createFakeLanguageModel(options: FakeLanguageModelOptions = {}): FakeLanguageModel {
  const generateObjectCalls: GenerateObjectCall[] = [];
  const streamTextCalls: StreamTextCall[] = [];
  const objects = [...(options.objects ?? [])];
  const texts = [...(options.texts ?? [])];

  return {
    provider: options.provider ?? "fake",
    modelId: options.modelId ?? "fake-model",
    generateObjectCalls,
    streamTextCalls,
    objects,
    texts,

    async generateObject<T>(request: {
      messages: readonly ChatMessage[];
      schema: z.ZodType<T>;
      schemaName: string;
      signal?: AbortSignal;
    }) {
      request.signal?.throwIfAborted();
      const call: GenerateObjectCall = {
        messages: request.messages,
        schemaName: request.schemaName,
        schema: request.schema,
      };
      const index = generateObjectCalls.push(call) - 1;
      const answer = objects.shift();
      if (answer === undefined)
        throw new Error(
          `FakeLanguageModel: no scripted answer left for generateObject call #${index + 1} (${request.schemaName}).`,
        );
      let value: unknown;
      let usage: ModelUsage | undefined;
      let latencyMs = 0;
      if (typeof answer === "function") {
        value = await answer(call, index);
      } else if ("error" in answer) {
        throw answer.error;
      } else {
        value = answer.value;
        usage = answer.usage;
        latencyMs = answer.latencyMs ?? 0;
      }
      const result = request.schema.safeParse(value);
      if (!result.success) {
        throw new UpstreamError(
          "model_malformed_output",
          `FakeLanguageModel: the scripted answer does not fit ${request.schemaName}: ${result.error.message}`,
        );
      }
      return { value: result.data, ...(usage === undefined ? {} : { usage }), latencyMs };
    },

    async *streamText(request) {
      request.signal?.throwIfAborted();
      const call: StreamTextCall = { messages: request.messages };
      const index = streamTextCalls.push(call) - 1;
      const answer = texts.shift();
      if (answer === undefined)
        throw new Error(
          `FakeLanguageModel: no scripted answer left for streamText call #${index + 1}.`,
        );
      const deltas =
        typeof answer === "function"
          ? answer(call, index)
          : "deltas" in answer
            ? answer.deltas
            : [];
      for (const delta of deltas) {
        request.signal?.throwIfAborted();
        yield delta;
      }
      if (typeof answer !== "function" && answer.error !== undefined) throw answer.error;
    },
  };
}
