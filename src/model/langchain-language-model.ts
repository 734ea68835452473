/**
 * The `LanguageModel` port over LangChain's `ChatOpenAI`: OpenAI, Azure OpenAI (v1 API) and any
 * OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server), chosen by base URL and key.
 *
 * - Structured output: `withStructuredOutput(zodSchema, { method: "jsonSchema", strict: true })`
 *   (`response_format: json_schema`); `structuredOutput: "json_object"` uses LangChain's
 *   `jsonMode` for servers that only know JSON mode, and the schema is then described in the
 *   system message. The raw reply is kept (`includeRaw`) and parsed here with the same zod schema,
 *   so a ```json fence is accepted and every failure names what was wrong. With strict mode every
 *   property must be required: write optional fields as `.nullable()`.
 * - Tools: `bindTools` with the tools' zod schemas, `tool_choice: "required"`; the arguments are
 *   checked against the chosen tool's schema.
 * - Text: `.stream()` (never `streaming: true` with `.invoke()`, which stalls offline fetching a
 *   tokenizer for token counting).
 * - Retries and timeouts are LangChain's: `maxRetries` (LangChain's AsyncCaller: exponential
 *   backoff from 1 s, randomized, Retry-After honoured) and `timeout` (the SDK's, up to the
 *   response headers). Two things LangChain does not do are added through its own hooks: an
 *   `onFailedAttempt` that stops at once when the server asks to wait longer than
 *   `maxRetryDelayMs`, and a `fetch` (the `configuration.fetch` option) that bounds each wait for
 *   the next piece of a response body by `timeoutMs`, so a body or a stream that stalls after the
 *   headers ends as model_timeout instead of hanging. The same fetch counts HTTP attempts for the
 *   trace. Retries happen only before the first delta of a stream.
 * - Failures become UpstreamError: model_timeout, model_rate_limited, model_unavailable,
 *   model_auth_failed, model_request_rejected, model_malformed_output. A caller's abort rethrows
 *   the signal's reason.
 * - Every call is traced by a LangChain callback (src/model/trace-callback.ts): route, prompt,
 *   model, latency, first token, tokens in and out, retries, validation; the trace goes to the
 *   request's `onTrace` and to the model's `onTrace` (audit trail, OpenTelemetry exporter).
 */
import type { BaseMessage } from "@langchain/core/messages";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI, type ChatOpenAIFields } from "@langchain/openai";
import { z } from "zod";
import { UpstreamError } from "../errors/errors.ts";
import type {
  ChatMessage,
  LanguageModel,
  ModelCallContext,
  ModelCallTrace,
  ModelTraceSink,
  ModelUsage,
} from "../ports/language-model.ts";
import { isReplyFlaw, retryPolicy, statusOf } from "./retry-policy.ts";
import { CallTraceHandler } from "./trace-callback.ts";

export type LangChainLanguageModelOptions = {
  /** The API root, e.g. "http://localhost:11434/v1" for Ollama; OpenAI's when not given. */
  baseURL?: string;
  apiKey: string;
  /** The model name (Azure: the deployment name). */
  model: string;
  /** Milliseconds to the response headers, and the longest wait for each next piece of the body. Default 60,000. */
  timeoutMs?: number;
  /** Retries after the first attempt (LangChain's AsyncCaller). Default 2. */
  maxRetries?: number;
  /** The longest Retry-After honoured; a server asking for more ends the retries at once. Default 8,000. */
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
  /** "json_schema" (default) or "json_object" for servers that only support JSON mode. */
  structuredOutput?: "json_schema" | "json_object";
  /** Sent with every request (Azure classic: `{ "api-key": key }`). */
  defaultHeaders?: Record<string, string>;
  /** Added to every URL (Azure classic: `{ "api-version": "2024-10-21" }`). */
  defaultQuery?: Record<string, string>;
  temperature?: number;
  /** Reported as `provider`. Default "openai-compatible". */
  provider?: string;
  /** Gets every call's trace. */
  onTrace?: ModelTraceSink;
};

const PREVIEW_LENGTH = 200;

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

function toLangChain(messages: readonly ChatMessage[]): BaseMessage[] {
  return messages.map((message) =>
    message.role === "system"
      ? new SystemMessage(message.content)
      : message.role === "assistant"
        ? new AIMessage(message.content)
        : new HumanMessage(message.content),
  );
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((part) =>
        typeof part === "string"
          ? part
          : typeof (part as { text?: unknown }).text === "string"
            ? (part as { text: string }).text
            : "",
      )
      .join("");
  return "";
}

class BodyTimeout extends Error {
  constructor(ms: number) {
    super(`no data for ${ms} ms`);
    this.name = "BodyTimeoutError";
  }
}

/** One call's HTTP bookkeeping: attempts, whether a body stalled, and the last JSON body read. */
type CallState = { attempts: number; stalled: boolean; lastBody?: string };

/**
 * A fetch that counts attempts and bounds each wait for the next piece of the body. The timer runs
 * only while a read is pending, so a slow consumer is never a timeout.
 */
function watchedFetch(
  base: typeof fetch,
  timeoutMs: number,
  state: CallState,
  dropAuthorization: boolean,
): typeof fetch {
  return async (input, init) => {
    state.attempts += 1;
    let request = init;
    if (dropAuthorization && init?.headers !== undefined) {
      // Azure classic sends the key as api-key; the SDK's Bearer header would send it twice.
      const headers = new Headers(init.headers);
      headers.delete("authorization");
      request = { ...init, headers };
    }
    const response = await base(input, request);
    const body = response.body;
    if (body === null) return response;
    const reader = body.getReader();
    const keep = !(response.headers.get("content-type") ?? "").includes("event-stream");
    const decoder = new TextDecoder();
    if (keep) state.lastBody = "";
    const guarded = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const stall = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new BodyTimeout(timeoutMs)), timeoutMs);
        });
        try {
          const { done, value } = await Promise.race([reader.read(), stall]);
          if (done) controller.close();
          else {
            if (keep) state.lastBody += decoder.decode(value, { stream: true });
            controller.enqueue(value);
          }
        } catch (error) {
          if (error instanceof BodyTimeout) {
            state.stalled = true;
            void reader.cancel(error).catch(() => undefined);
          }
          controller.error(error);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(guarded, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** What parsing needs of a reply. */
type Reply = { content: string; finishReason?: unknown; refusal?: unknown };

/** The first choice of a chat completion body, when the body is one. */
function replyOf(body: string | undefined): Reply | undefined {
  if (body === undefined || body === "") return undefined;
  try {
    const parsed = JSON.parse(body) as {
      choices?: Array<{
        message?: { content?: unknown; refusal?: unknown };
        finish_reason?: unknown;
      }>;
    };
    const choice = parsed.choices?.[0];
    if (choice === undefined) return undefined;
    return {
      content: textOf(choice.message?.content),
      finishReason: choice.finish_reason,
      refusal: choice.message?.refusal,
    };
  } catch {
    return undefined;
  }
}

export function createLangChainLanguageModel(
  options: LangChainLanguageModelOptions,
): LanguageModel {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 2));
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 8_000;
  const structuredOutput = options.structuredOutput ?? "json_schema";
  const provider = options.provider ?? "openai-compatible";
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const usesApiKeyHeader = Object.keys(options.defaultHeaders ?? {}).some(
    (name) => name.toLowerCase() === "api-key",
  );
  const where = `model "${options.model}"${options.baseURL === undefined ? "" : ` at ${options.baseURL}`}`;

  const onFailedAttempt = retryPolicy(maxRetryDelayMs);

  /** A ChatOpenAI for one call: LangChain's options, and a fetch that reports to this call's state. */
  const chatFor = (state: CallState, extra: Partial<ChatOpenAIFields> = {}) =>
    new ChatOpenAI({
      model: options.model,
      apiKey: options.apiKey,
      maxRetries,
      timeout: timeoutMs,
      onFailedAttempt,
      useResponsesApi: false,
      streamUsage: true,
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      configuration: {
        ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
        fetch: watchedFetch(baseFetch, timeoutMs, state, usesApiKeyHeader),
        ...(options.defaultHeaders === undefined ? {} : { defaultHeaders: options.defaultHeaders }),
        ...(options.defaultQuery === undefined ? {} : { defaultQuery: options.defaultQuery }),
      },
      ...extra,
    });

  /** The project's error for a failed call. */
  const classify = (error: unknown, state: CallState): UpstreamError => {
    if (error instanceof UpstreamError) return error;
    const attempts = Math.max(1, state.attempts);
    const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
    const details: Record<string, unknown> = { model: options.model, attempts };
    const name = (error as { name?: unknown } | null)?.name;
    const message = error instanceof Error ? error.message : String(error);
    const status = statusOf(error);
    if (
      state.stalled ||
      name === "TimeoutError" ||
      name === "BodyTimeoutError" ||
      status === 408 ||
      /timed? ?out/i.test(message)
    ) {
      return new UpstreamError(
        "model_timeout",
        `The language ${where} did not answer within ${timeoutMs} ms (${tries}).`,
        { cause: error, details, ...(status === undefined ? {} : { status }) },
      );
    }
    if (status !== undefined) {
      const reason = `answered ${status}: ${preview(message)}`;
      const asked = (error as { retryAfterMs?: number }).retryAfterMs;
      const gaveUp = (error as { gaveUp?: boolean }).gaveUp === true && asked !== undefined;
      const wait = gaveUp ? ` It asked to wait ${Math.ceil(asked / 1000)} s before retrying.` : "";
      const make = (code: string, text: string) =>
        new UpstreamError(code, `${text}${wait}`, {
          cause: error,
          details: gaveUp ? { ...details, retryAfterMs: asked } : details,
          status,
        });
      if (status === 401 || status === 403)
        return make("model_auth_failed", `The language ${where} refused the API key (${reason}).`);
      if (status === 429)
        return make(
          "model_rate_limited",
          `The language ${where} is rate limited (${reason}, ${tries}).`,
        );
      if (status >= 500)
        return make(
          "model_unavailable",
          `The language ${where} is unavailable (${reason}, ${tries}).`,
        );
      return make(
        "model_request_rejected",
        `The language ${where} rejected the request (${reason}).`,
      );
    }
    if (error instanceof SyntaxError)
      return new UpstreamError(
        "model_malformed_output",
        `The language ${where} answered with a body that is not JSON: ${error.message}`,
        { cause: error, details },
      );
    return new UpstreamError(
      "model_unavailable",
      `The language ${where} could not be reached (${preview(message)}, ${tries}).`,
      { cause: error, details },
    );
  };

  /** Runs one call with a trace; maps failures; the caller's abort rethrows its reason. */
  const traced = async <T>(
    operation: ModelCallTrace["operation"],
    request: { signal?: AbortSignal; context?: ModelCallContext; onTrace?: ModelTraceSink },
    run: (state: CallState, handler: CallTraceHandler) => Promise<T>,
  ): Promise<T> => {
    const state: CallState = { attempts: 0, stalled: false };
    const handler = new CallTraceHandler();
    const started = performance.now();
    const startedAt = new Date().toISOString();
    let failure: UpstreamError | undefined;
    try {
      return await run(state, handler);
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      failure = classify(error, state);
      throw failure;
    } finally {
      const trace: ModelCallTrace = {
        id: globalThis.crypto.randomUUID(),
        operation,
        ...(request.context?.route === undefined ? {} : { route: request.context.route }),
        ...(request.context?.prompt === undefined
          ? {}
          : { prompt: `${request.context.prompt.id}@${request.context.prompt.version}` }),
        provider,
        model: options.model,
        startedAt,
        latencyMs: Math.round(performance.now() - started),
        ...(handler.firstTokenAt === undefined
          ? {}
          : { firstTokenMs: Math.round(handler.firstTokenAt - started) }),
        ...(handler.inputTokens === undefined ? {} : { inputTokens: handler.inputTokens }),
        ...(handler.outputTokens === undefined ? {} : { outputTokens: handler.outputTokens }),
        retries: Math.max(0, state.attempts - 1),
        validation: failure === undefined && !request.signal?.aborted ? "passed" : "failed",
        ...(failure === undefined ? {} : { error: failure.code }),
      };
      for (const sink of [request.onTrace, options.onTrace]) {
        try {
          sink?.(trace);
        } catch {
          /* A failing sink must not fail the call. */
        }
      }
    }
  };

  return {
    provider,
    modelId: options.model,

    async generateObject({ messages, schema, schemaName, signal, context, onTrace }) {
      const started = performance.now();
      // OpenAI allows only [a-zA-Z0-9_-]{1,64} as a schema name.
      const name = schemaName.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "answer";
      let wire = [...messages];
      if (structuredOutput === "json_object") {
        const description = describeSchema(name, z.toJSONSchema(schema));
        const systemIndex = wire.findIndex((message) => message.role === "system");
        const system = wire[systemIndex];
        wire =
          system === undefined
            ? [{ role: "system", content: description }, ...wire]
            : wire.map((message, index) =>
                index === systemIndex
                  ? { role: "system", content: `${system.content}\n\n${description}` }
                  : message,
              );
      }
      let usage: ModelUsage = {};
      const value = await traced(
        "object",
        {
          ...(signal === undefined ? {} : { signal }),
          ...(context === undefined ? {} : { context }),
          ...(onTrace === undefined ? {} : { onTrace }),
        },
        async (state, handler) => {
          const runnable = chatFor(state).withStructuredOutput(schema as z.ZodType<object>, {
            name,
            method: structuredOutput === "json_object" ? "jsonMode" : "jsonSchema",
            includeRaw: true,
          });
          let raw: AIMessage;
          try {
            const result = await runnable.invoke(toLangChain(wire), {
              callbacks: [handler],
              ...(signal === undefined ? {} : { signal }),
            });
            raw = result.raw as AIMessage;
          } catch (error) {
            // The SDK parses a json_schema reply itself and throws on the first flaw; read the reply here instead.
            const reply = replyOf(state.lastBody);
            if (reply === undefined || !isReplyFlaw(error)) throw error;
            return parseObject(reply, schema, schemaName);
          }
          const metadata = raw.usage_metadata as
            | { input_tokens?: number; output_tokens?: number }
            | undefined;
          usage = {
            ...(typeof metadata?.input_tokens === "number"
              ? { inputTokens: metadata.input_tokens }
              : {}),
            ...(typeof metadata?.output_tokens === "number"
              ? { outputTokens: metadata.output_tokens }
              : {}),
          };
          // Usage the server did not report is left out (LangChain reports zeros then).
          const reported = (raw.response_metadata as { tokenUsage?: unknown } | undefined)
            ?.tokenUsage;
          if (reported === undefined) usage = {};
          return parseObject(
            {
              content: textOf(raw.content),
              finishReason: (raw.response_metadata as { finish_reason?: unknown } | undefined)
                ?.finish_reason,
              refusal: (raw.additional_kwargs as { refusal?: unknown } | undefined)?.refusal,
            },
            schema,
            schemaName,
          );
        },
      );
      return {
        value,
        ...(Object.keys(usage).length === 0 ? {} : { usage }),
        latencyMs: Math.round(performance.now() - started),
      };
    },

    async *streamText({ messages, signal, context, onTrace }) {
      const deltas: string[] = [];
      let notify: (() => void) | undefined;
      let finished = false;
      let failure: unknown;
      let done = false;
      const consumer = new AbortController();
      const linked =
        signal === undefined ? consumer.signal : AbortSignal.any([signal, consumer.signal]);
      /* The stream runs inside `traced` so its trace covers the whole answer. */
      const running = traced(
        "text",
        {
          signal: linked,
          ...(context === undefined ? {} : { context }),
          ...(onTrace === undefined ? {} : { onTrace }),
        },
        async (state, handler) => {
          const stream = await chatFor(state).stream(toLangChain(messages), {
            callbacks: [handler],
            signal: linked,
          });
          for await (const chunk of stream) {
            const metadata = chunk.response_metadata as { finish_reason?: unknown } | undefined;
            if (metadata?.finish_reason != null) finished = true;
            const text = textOf(chunk.content);
            if (text !== "") {
              deltas.push(text);
              notify?.();
            }
          }
          if (linked.aborted) throw linked.reason;
          if (!finished)
            throw new UpstreamError(
              "model_unavailable",
              `The language ${where} closed the stream before the answer was finished.`,
              { details: { model: options.model } },
            );
        },
      ).then(
        () => {
          done = true;
          notify?.();
        },
        (error: unknown) => {
          failure = error;
          done = true;
          notify?.();
        },
      );
      try {
        while (true) {
          const next = deltas.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          if (done) break;
          await new Promise<void>((resolve) => {
            notify = resolve;
          });
          notify = undefined;
        }
        await running;
        if (failure !== undefined) {
          if (signal?.aborted) throw signal.reason;
          throw failure;
        }
      } finally {
        if (!done) consumer.abort(new Error("the consumer stopped reading"));
      }
    },

    async callTool({ messages, tools, signal, context, onTrace }) {
      return traced(
        "tools",
        {
          ...(signal === undefined ? {} : { signal }),
          ...(context === undefined ? {} : { context }),
          ...(onTrace === undefined ? {} : { onTrace }),
        },
        async (state, handler) => {
          const bound = chatFor(state).bindTools(
            tools.map((tool) => ({
              name: tool.name,
              description: tool.description,
              schema: tool.schema,
            })),
            { tool_choice: "required" },
          );
          const reply = await bound.invoke(toLangChain(messages), {
            callbacks: [handler],
            ...(signal === undefined ? {} : { signal }),
          });
          const call = reply.tool_calls?.[0];
          if (call === undefined) return undefined;
          const tool = tools.find((candidate) => candidate.name === call.name);
          if (tool === undefined)
            throw new UpstreamError(
              "model_malformed_output",
              `The language ${where} called a tool that does not exist: "${preview(call.name)}".`,
              { details: { model: options.model, tool: call.name } },
            );
          const checked = tool.schema.safeParse(call.args);
          if (!checked.success)
            throw new UpstreamError(
              "model_malformed_output",
              `The language ${where} called ${tool.name} with arguments that do not fit its schema (${describeIssues(checked.error)}).`,
              { details: { model: options.model, tool: tool.name } },
            );
          return { name: tool.name, args: checked.data };
        },
      );
    },
  };

  function describeIssues(error: z.ZodError): string {
    return error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
  }

  /** The reply's JSON, checked against the schema; model_malformed_output says what was wrong. */
  function parseObject<T>(reply: Reply, schema: z.ZodType<T>, schemaName: string): T {
    const { content, finishReason: finish, refusal } = reply;
    const malformed = (reason: string, text: string | undefined) =>
      new UpstreamError(
        "model_malformed_output",
        `The language ${where} ${reason}${text === undefined ? "" : `: "${preview(text)}"`}`,
        {
          details: {
            model: options.model,
            schemaName,
            ...(text === undefined ? {} : { output: text.slice(0, PREVIEW_LENGTH) }),
          },
        },
      );
    if (content.trim() === "") {
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
      throw malformed(
        finish === "length"
          ? "stopped at its token limit before the JSON was complete"
          : "answered with text that is not JSON",
        content,
      );
    }
    const result = schema.safeParse(parsed);
    if (!result.success)
      throw malformed(
        `answered with JSON that does not fit ${schemaName} (${describeIssues(result.error)})`,
        content,
      );
    return result.data;
  }
}
