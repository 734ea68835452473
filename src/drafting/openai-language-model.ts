/**
 * A `LanguageModel` over any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI,
 * vLLM, Ollama, llama.cpp server) with the official `openai` SDK.
 *
 * - Structured output: `response_format: json_schema` (strict) with the zod schema's JSON schema
 *   by default; `structuredOutput: "json_object"` for servers that only know JSON mode, and then
 *   the schema is described in the system message. The reply is always parsed with JSON.parse and
 *   the zod schema. With OpenAI's strict mode every property must be required: write optional
 *   fields as `.nullable()`, not `.optional()`, or OpenAI answers 400 (model_request_rejected).
 *   A reply that is only a ```json fenced block is accepted; prose is not. `latencyMs` is the
 *   whole call, retries included; `usage` is there when the server reports it.
 * - Failures become UpstreamError: model_timeout, model_rate_limited, model_unavailable,
 *   model_auth_failed, model_request_rejected, model_malformed_output. A caller's abort rethrows
 *   the signal's reason.
 * - Retries are our own loop (the SDK's are turned off): only 408/429/5xx, timeouts and connection
 *   failures; exponential backoff from `retryDelayMs` with up to 25 % jitter, capped at
 *   `maxRetryDelayMs`; a Retry-After longer than that cap ends the retries at once. So one call
 *   takes at most (maxRetries + 1) × timeoutMs + maxRetries × maxRetryDelayMs. The SDK's own
 *   retries would follow any Retry-After however long, in a sleep no signal can cut short, and
 *   its timeout stops at the response headers, so a body that stalls would hang forever.
 * - `timeoutMs` bounds each attempt including its body; for a stream it bounds the wait for each
 *   next chunk (a long answer that keeps coming is fine). Retries happen only before the first
 *   delta of a stream.
 * - Azure OpenAI, v1 API: `baseURL: "https://<resource>.openai.azure.com/openai/v1/"`, the key as
 *   `apiKey`, the deployment name as `model`. Classic API: `baseURL:
 *   "https://<resource>.openai.azure.com/openai/deployments/<deployment>"`, `defaultHeaders:
 *   { "api-key": key }`, `defaultQuery: { "api-version": "2024-10-21" }`; with an `api-key` header
 *   the `Authorization` header is left out so the key is sent once.
 */
import OpenAI from "openai";
import { z } from "zod";
import { UpstreamError } from "../errors/errors.ts";
import type { ChatMessage, LanguageModel, ModelUsage } from "./ports.ts";

export type OpenAILanguageModelOptions = {
  /** The API root, e.g. "http://localhost:11434/v1" for Ollama; OpenAI's when not given. */
  baseURL?: string;
  apiKey: string;
  /** The model name (Azure: the deployment name). */
  model: string;
  /** Milliseconds one attempt may take (a stream: the wait for each chunk). Default 60,000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 408/429/5xx, timeouts and connection errors. Default 2. */
  maxRetries?: number;
  /** First backoff in milliseconds; doubles with each retry. Default 500. */
  retryDelayMs?: number;
  /** Longest wait between attempts in milliseconds, also the longest Retry-After we honour. Default 8,000. */
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
  /** "json_schema" (default) or "json_object" for servers that only support JSON mode. */
  structuredOutput?: "json_schema" | "json_object";
  /** Sent with every request (Azure classic: `{ "api-key": key }`). */
  defaultHeaders?: Record<string, string>;
  /** Added to every URL (Azure classic: `{ "api-version": "2024-10-21" }`). */
  defaultQuery?: Record<string, string>;
  /** Sampling temperature; the server's default when not given. */
  temperature?: number;
  /** Reported as `provider`. Default "openai-compatible". */
  provider?: string;
};

const PREVIEW_LENGTH = 200;

/** One attempt's abort controller: its own timeout, linked to the caller's signal. */
type Attempt = {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  /** Starts (or restarts) the timeout. */
  arm(): void;
  /** Stops the timeout, e.g. while a stream's consumer holds a delta. */
  pause(): void;
  /** Aborts the request (a consumer stopped reading) and unhooks from the caller's signal. */
  dispose(): void;
};

function startAttempt(timeoutMs: number, callerSignal: AbortSignal | undefined): Attempt {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const pause = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const arm = () => {
    pause();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  };
  arm();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    arm,
    pause,
    dispose: () => {
      pause();
      callerSignal?.removeEventListener("abort", onCallerAbort);
      if (!controller.signal.aborted) controller.abort(new Error("request finished"));
    },
  };
}

/** Waits, or rejects with the signal's reason when the caller aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Milliseconds from Retry-After-Ms or Retry-After (seconds or an HTTP date). */
function retryAfterMs(error: unknown): number | undefined {
  const headers = error instanceof OpenAI.APIError ? error.headers : undefined;
  if (headers === undefined) return undefined;
  const milliseconds = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH)}…` : flat;
}

/** The body of a ```json fenced block when that is all the reply is; small local models like to add one. */
function unfence(content: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(content.trim());
  return fenced?.[1] ?? content;
}

function describeSchema(schemaName: string, jsonSchema: unknown): string {
  return `Answer with one JSON object only, no prose and no code fence. It must fit this JSON schema (${schemaName}):\n${JSON.stringify(jsonSchema)}`;
}

export function createOpenAILanguageModel(options: OpenAILanguageModelOptions): LanguageModel {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 2));
  const retryDelayMs = options.retryDelayMs ?? 500;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 8_000;
  const structuredOutput = options.structuredOutput ?? "json_schema";
  const usesApiKeyHeader = Object.keys(options.defaultHeaders ?? {}).some(
    (name) => name.toLowerCase() === "api-key",
  );
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    // Our attempt timer fires first and covers the body too; this is only a backstop.
    timeout: timeoutMs + 1_000,
    maxRetries: 0,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    defaultHeaders: {
      ...options.defaultHeaders,
      ...(usesApiKeyHeader ? { Authorization: null } : {}),
    },
    ...(options.defaultQuery === undefined ? {} : { defaultQuery: options.defaultQuery }),
  });
  const where = `model "${options.model}"${options.baseURL === undefined ? "" : ` at ${options.baseURL}`}`;

  /** The project's error for a failed attempt, and whether another attempt may help. */
  const classify = (
    error: unknown,
    attempt: Attempt,
    attempts: number,
  ): { error: UpstreamError; retryable: boolean } => {
    const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
    const details = { model: options.model, attempts };
    if (attempt.timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
      return {
        error: new UpstreamError(
          "model_timeout",
          `The language ${where} did not answer within ${timeoutMs} ms (${tries}).`,
          { cause: error, details },
        ),
        retryable: true,
      };
    }
    if (error instanceof OpenAI.APIError && error.status !== undefined) {
      const status = error.status;
      const reason = `answered ${status}: ${preview(error.message)}`;
      const make = (code: string, message: string) =>
        new UpstreamError(code, message, { cause: error, details, status });
      if (status === 401 || status === 403)
        return {
          error: make(
            "model_auth_failed",
            `The language ${where} refused the API key (${reason}).`,
          ),
          retryable: false,
        };
      if (status === 429)
        return {
          error: make(
            "model_rate_limited",
            `The language ${where} is rate limited (${reason}, ${tries}).`,
          ),
          retryable: true,
        };
      if (status === 408)
        return {
          error: make("model_timeout", `The language ${where} timed out (${reason}, ${tries}).`),
          retryable: true,
        };
      if (status >= 500)
        return {
          error: make(
            "model_unavailable",
            `The language ${where} is unavailable (${reason}, ${tries}).`,
          ),
          retryable: true,
        };
      return {
        error: make(
          "model_request_rejected",
          `The language ${where} rejected the request (${reason}).`,
        ),
        retryable: false,
      };
    }
    if (error instanceof SyntaxError) {
      return {
        error: new UpstreamError(
          "model_malformed_output",
          `The language ${where} answered with a body that is not JSON: ${error.message}`,
          { cause: error, details },
        ),
        retryable: false,
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    // Connection refused or reset, an SSE error event: the endpoint is not usable right now.
    return {
      error: new UpstreamError(
        "model_unavailable",
        `The language ${where} could not be reached (${preview(message)}, ${tries}).`,
        { cause: error, details },
      ),
      retryable: true,
    };
  };

  /**
   * Runs `operation` until it succeeds, fails for good, or the retries are used up. The returned
   * attempt is still live (a stream reads through it); the caller disposes it.
   */
  const withRetries = async <T>(
    signal: AbortSignal | undefined,
    operation: (attempt: Attempt) => Promise<T>,
  ): Promise<{ value: T; attempt: Attempt }> => {
    for (let attempts = 1; ; attempts += 1) {
      signal?.throwIfAborted();
      const attempt = startAttempt(timeoutMs, signal);
      try {
        return { value: await operation(attempt), attempt };
      } catch (error) {
        attempt.dispose();
        if (signal?.aborted) throw signal.reason;
        const failure = classify(error, attempt, attempts);
        if (!failure.retryable || attempts > maxRetries) throw failure.error;
        const backoff =
          Math.min(retryDelayMs * 2 ** (attempts - 1), maxRetryDelayMs) *
          (1 - Math.random() * 0.25);
        const asked = retryAfterMs(error);
        if (asked !== undefined && asked > maxRetryDelayMs) {
          throw new UpstreamError(
            failure.error.code,
            `${failure.error.message} It asked to wait ${Math.ceil(asked / 1000)} s before retrying.`,
            {
              cause: error,
              details: { model: options.model, attempts, retryAfterMs: asked },
              ...(failure.error.status === undefined ? {} : { status: failure.error.status }),
            },
          );
        }
        await sleep(asked ?? backoff, signal);
      }
    }
  };

  const toWire = (messages: readonly ChatMessage[]): OpenAI.Chat.ChatCompletionMessageParam[] =>
    messages.map((message) => ({ role: message.role, content: message.content }));

  return {
    provider: options.provider ?? "openai-compatible",
    modelId: options.model,

    async generateObject({ messages, schema, schemaName, signal }) {
      const started = performance.now();
      const jsonSchema = z.toJSONSchema(schema);
      // OpenAI allows only [a-zA-Z0-9_-]{1,64} as a schema name.
      const name = schemaName.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "answer";
      let wire = toWire(messages);
      let responseFormat: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming["response_format"];
      if (structuredOutput === "json_schema") {
        responseFormat = {
          type: "json_schema",
          json_schema: { name, schema: jsonSchema as Record<string, unknown>, strict: true },
        };
      } else {
        responseFormat = { type: "json_object" };
        const description = describeSchema(name, jsonSchema);
        const systemIndex = wire.findIndex((message) => message.role === "system");
        const system = wire[systemIndex];
        wire =
          system === undefined
            ? [{ role: "system", content: description }, ...wire]
            : wire.map((message, index) =>
                index === systemIndex
                  ? { role: "system", content: `${String(system.content)}\n\n${description}` }
                  : message,
              );
      }
      const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
        model: options.model,
        messages: wire,
        response_format: responseFormat,
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      };
      const { value: completion, attempt } = await withRetries(signal, (current) =>
        client.chat.completions.create(body, { signal: current.signal }),
      );
      attempt.dispose();

      const malformed = (reason: string, content: string | undefined) =>
        new UpstreamError(
          "model_malformed_output",
          `The language ${where} ${reason}${content === undefined ? "" : `: "${preview(content)}"`}`,
          {
            details: {
              model: options.model,
              schemaName,
              ...(content === undefined ? {} : { output: content.slice(0, PREVIEW_LENGTH) }),
            },
          },
        );
      const choice = (completion as Partial<OpenAI.Chat.ChatCompletion>).choices?.[0];
      if (choice === undefined)
        throw malformed(
          "answered without a choice",
          typeof completion === "string" ? completion : JSON.stringify(completion),
        );
      const content = choice.message?.content;
      if (typeof content !== "string" || content.trim() === "") {
        const refusal = choice.message?.refusal;
        throw malformed(
          typeof refusal === "string" && refusal !== ""
            ? "refused to answer"
            : "answered with no content",
          typeof refusal === "string" ? refusal : undefined,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(unfence(content));
      } catch {
        const why =
          choice.finish_reason === "length"
            ? "stopped at its token limit before the JSON was complete"
            : "answered with text that is not JSON";
        throw malformed(why, content);
      }
      const result = schema.safeParse(parsed);
      if (!result.success) {
        const issues = result.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
          .join("; ");
        throw malformed(`answered with JSON that does not fit ${schemaName} (${issues})`, content);
      }
      const usage: ModelUsage = {};
      if (typeof completion.usage?.prompt_tokens === "number")
        usage.inputTokens = completion.usage.prompt_tokens;
      if (typeof completion.usage?.completion_tokens === "number")
        usage.outputTokens = completion.usage.completion_tokens;
      return {
        value: result.data,
        ...(Object.keys(usage).length === 0 ? {} : { usage }),
        latencyMs: Math.round(performance.now() - started),
      };
    },

    async *streamText({ messages, signal }) {
      const body: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
        model: options.model,
        messages: toWire(messages),
        stream: true,
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      };
      const { value: stream, attempt } = await withRetries(signal, (current) =>
        client.chat.completions.create(body, { signal: current.signal }),
      );
      let finished = false;
      try {
        attempt.arm();
        try {
          for await (const chunk of stream) {
            const choice = chunk.choices[0];
            if (choice?.finish_reason != null) finished = true;
            const delta = choice?.delta?.content;
            if (typeof delta === "string" && delta !== "") {
              attempt.pause();
              yield delta;
              attempt.arm();
            }
          }
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw classify(error, attempt, 1).error;
        }
        // The SDK ends the iteration quietly when the request is aborted, so look at why it ended.
        if (signal?.aborted) throw signal.reason;
        if (attempt.timedOut) throw classify(undefined, attempt, 1).error;
        if (!finished) {
          throw new UpstreamError(
            "model_unavailable",
            `The language ${where} closed the stream before the answer was finished.`,
            { details: { model: options.model } },
          );
        }
      } finally {
        attempt.dispose();
      }
    },
  };
}
