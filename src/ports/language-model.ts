/** The language model port: a chat model behind an OpenAI-compatible API (or a fake in tests), and the trace of each call. */
import type { z } from "zod";
import type { ModelCallTrace } from "../domain/model-call.ts";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ModelUsage = { inputTokens?: number; outputTokens?: number };

/** Who asked: the route (or job) and the versioned prompt behind the messages. */
export type ModelCallContext = {
  route?: string;
  prompt?: { id: string; version: string };
};

export type { ModelCallTrace } from "../domain/model-call.ts";

/** Receives every finished call's trace (the audit trail, an OpenTelemetry exporter, an eval's tally). */
export type ModelTraceSink = (trace: ModelCallTrace) => void;

/** A tool the model may call: a name, what it is for, and the zod schema of its arguments. */
export type ModelTool = { name: string; description: string; schema: z.ZodType };

type CallOptions = {
  signal?: AbortSignal;
  context?: ModelCallContext;
  /** Gets this call's trace when it ends (also on failure). */
  onTrace?: ModelTraceSink;
};

/** A chat model behind an OpenAI-compatible API (or a fake in tests). */
export type LanguageModel = {
  readonly provider: string;
  readonly modelId: string;
  /** Asks for JSON that fits the schema; throws UpstreamError (model_timeout, model_rate_limited, model_unavailable, model_malformed_output). */
  generateObject<T>(
    request: CallOptions & {
      messages: readonly ChatMessage[];
      schema: z.ZodType<T>;
      schemaName: string;
    },
  ): Promise<{ value: T; usage?: ModelUsage; latencyMs: number }>;
  /** Streams plain text, delta by delta. */
  streamText(request: CallOptions & { messages: readonly ChatMessage[] }): AsyncIterable<string>;
  /**
   * Asks the model to call one of the tools; the arguments are checked against the tool's schema.
   * Undefined when the model called none. Optional: a model without it is asked through generateObject.
   */
  callTool?(
    request: CallOptions & { messages: readonly ChatMessage[]; tools: readonly ModelTool[] },
  ): Promise<{ name: string; args: unknown } | undefined>;
};
