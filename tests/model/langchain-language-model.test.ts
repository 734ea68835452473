import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createLangChainLanguageModel as createOpenAILanguageModel,
  type LangChainLanguageModelOptions as OpenAILanguageModelOptions,
} from "../../src/model/langchain-language-model.ts";
import type { ChatMessage } from "../../src/ports/language-model.ts";
import { UpstreamError } from "../../src/errors/errors.ts";
import { createFakeLanguageModel, upstreamError } from "../support/fake-language-model.ts";
import {
  startFakeOpenAI,
  type FakeOpenAIServer,
  type FakeReply,
} from "../../evals/support/fake-openai-server.ts";

const Assessment = z.object({
  indholdIJusteretIndsats: z.string(),
  beløb: z.number().int(),
  area: z.enum(["service", "indsats", "overførsler", "anlæg"]),
});

const MESSAGES: ChatMessage[] = [
  { role: "system", content: "Du skriver bilag for Beskæftigelses- og Integrationsforvaltningen." },
  { role: "user", content: "Skriv indholdet for Jobcenter Københavns indsats." },
];

const GOOD = {
  indholdIJusteretIndsats: "Indsatsen videreføres.",
  beløb: 2_500_000,
  area: "service",
};

describe("OpenAI-compatible language model against a local fake server", () => {
  let server: FakeOpenAIServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async (
    script: FakeReply[] = [],
    overrides: Partial<OpenAILanguageModelOptions> = {},
  ) => {
    server = await startFakeOpenAI({ script });
    const model = createOpenAILanguageModel({
      baseURL: server.baseURL,
      apiKey: "test-key",
      model: "fake-chat",

      maxRetryDelayMs: 100,
      ...overrides,
    });
    return { server, model };
  };
  const chatRequests = () =>
    (server?.requests ?? []).filter((request) => request.path === "/chat/completions");
  const failureOf = async (promise: Promise<unknown>) => {
    const failure = await promise.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UpstreamError);
    return failure as UpstreamError;
  };

  it("returns a structured answer that fits the schema, with usage and latency", async () => {
    const { model } = await start([
      {
        kind: "chat",
        content: JSON.stringify(GOOD),
        usage: { prompt_tokens: 120, completion_tokens: 30 },
      },
    ]);
    const result = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(result.value).toEqual(GOOD);
    expect(result.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(model.provider).toBe("openai-compatible");
    expect(model.modelId).toBe("fake-chat");
  });

  it("leaves usage out when the server does not report it", async () => {
    const { model } = await start([{ kind: "chat", content: JSON.stringify(GOOD), usage: null }]);
    const result = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(result.usage).toBeUndefined();
  });

  it("sends response_format json_schema (strict) with the zod schema's JSON schema and the messages as given", async () => {
    const { model } = await start([{ kind: "chat", content: JSON.stringify(GOOD) }]);
    await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    const [request] = chatRequests();
    expect(request?.body.model).toBe("fake-chat");
    expect(request?.body.messages).toEqual(MESSAGES);
    expect(request?.body.stream).toBeFalsy();
    // LangChain's withStructuredOutput: the zod schema's JSON schema (LangChain titles every node with the name).
    const format = request?.body.response_format as {
      type: string;
      json_schema: { name: string; strict: boolean; schema: Record<string, unknown> };
    };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("assessment");
    expect(format.json_schema.strict).toBe(true);
    const expected = JSON.parse(JSON.stringify(z.toJSONSchema(Assessment)));
    const untitled = JSON.parse(
      JSON.stringify(format.json_schema.schema.properties, (key, value) =>
        key === "title" ? undefined : value,
      ),
    );
    expect(untitled).toEqual(expected.properties);
    expect(format.json_schema.schema.required).toEqual(expected.required);
    expect(request?.headers.authorization).toBe("Bearer test-key");
  });

  it("makes a schema name OpenAI accepts", async () => {
    const { model } = await start([{ kind: "chat", content: JSON.stringify(GOOD) }]);
    await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "vurdering af indsats (æøå)",
    });
    const format = chatRequests()[0]?.body.response_format as { json_schema: { name: string } };
    expect(format.json_schema.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it("json_object mode sends type json_object and describes the schema in the system message", async () => {
    const { model } = await start([{ kind: "chat", content: JSON.stringify(GOOD) }], {
      structuredOutput: "json_object",
    });
    const result = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(result.value).toEqual(GOOD);
    const body = chatRequests()[0]?.body;
    expect(body?.response_format).toEqual({ type: "json_object" });
    const messages = body?.messages as ChatMessage[];
    expect(messages).toHaveLength(2);
    expect(messages[0]?.role).toBe("system");
    expect(messages[0]?.content).toContain(MESSAGES[0]?.content);
    expect(messages[0]?.content).toContain("JSON");
    expect(messages[0]?.content).toContain('"indholdIJusteretIndsats"');
    expect(messages[1]).toEqual(MESSAGES[1]);
  });

  it("json_object mode adds a system message when there is none", async () => {
    const { model } = await start([{ kind: "chat", content: JSON.stringify(GOOD) }], {
      structuredOutput: "json_object",
    });
    await model.generateObject({
      messages: [{ role: "user", content: "Skriv." }],
      schema: Assessment,
      schemaName: "assessment",
    });
    const messages = chatRequests()[0]?.body.messages as ChatMessage[];
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
  });

  it("accepts JSON wrapped in a single code fence", async () => {
    const { model } = await start([
      { kind: "chat", content: "```json\n" + JSON.stringify(GOOD) + "\n```" },
    ]);
    const result = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(result.value).toEqual(GOOD);
  });

  it("prose instead of JSON is model_malformed_output with the start of the reply, not retried", async () => {
    const prose =
      "Selvfølgelig! Her er et udkast til bilaget: Indsatsen videreføres med 2,5 mio. kr. årligt. ".repeat(
        5,
      );
    const { model } = await start([{ kind: "chat", content: prose }]);
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_malformed_output");
    expect(failure.message).toContain("not JSON");
    expect(failure.message).toContain("Selvfølgelig! Her er et udkast");
    expect(failure.message.length).toBeLessThan(420);
    expect(chatRequests()).toHaveLength(1);
  });

  it("JSON that does not fit the schema is model_malformed_output naming the field", async () => {
    const { model } = await start([
      { kind: "chat", content: JSON.stringify({ ...GOOD, beløb: "2,5 mio. kr." }) },
    ]);
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_malformed_output");
    expect(failure.message).toContain("beløb");
    expect(failure.message).toContain("2,5 mio. kr.");
  });

  it("a reply cut at the token limit says so", async () => {
    const { model } = await start([
      { kind: "chat", content: JSON.stringify(GOOD).slice(0, 30), finishReason: "length" },
    ]);
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_malformed_output");
    expect(failure.message).toContain("token limit");
  });

  it("a response body that is not JSON is model_malformed_output", async () => {
    const { model } = await start([{ kind: "raw", body: '{"choices": [ {"message": ' }]);
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_malformed_output");
  });

  it("retries a 429 and then succeeds", async () => {
    const { model } = await start([
      { kind: "status", status: 429 },
      { kind: "chat", content: JSON.stringify(GOOD) },
    ]);
    const result = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(result.value).toEqual(GOOD);
    expect(chatRequests()).toHaveLength(2);
  });

  it("429 forever is model_rate_limited after maxRetries + 1 attempts", async () => {
    const { model } = await start(
      Array.from({ length: 10 }, () => ({ kind: "status", status: 429 }) as const),
      { maxRetries: 2 },
    );
    const started = Date.now();
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_rate_limited");
    expect(failure.status).toBe(429);
    expect(failure.details).toMatchObject({ attempts: 3 });
    expect(chatRequests()).toHaveLength(3);
    // LangChain's backoff: 1 s then 2 s, each randomized up to twice that; bounded.
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  it("follows a short Retry-After and gives up at once on one longer than the cap", async () => {
    const { model } = await start(
      [
        { kind: "status", status: 429, headers: { "retry-after-ms": "50" } },
        { kind: "status", status: 429, headers: { "retry-after": "3600" } },
        { kind: "chat", content: JSON.stringify(GOOD) },
      ],
      { maxRetries: 5 },
    );
    const started = Date.now();
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_rate_limited");
    expect(failure.message).toContain("3600 s");
    expect(failure.details).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(chatRequests()).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("500 is model_unavailable after the retries", async () => {
    const { model } = await start(
      Array.from({ length: 5 }, () => ({ kind: "status", status: 500 }) as const),
    );
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_unavailable");
    expect(failure.status).toBe(500);
    expect(chatRequests()).toHaveLength(3);
  });

  it("a refused connection is model_unavailable", async () => {
    const { server: running } = await start();
    const baseURL = running.baseURL;
    await running.close();
    server = undefined;
    const model = createOpenAILanguageModel({
      baseURL,
      apiKey: "k",
      model: "m",
      maxRetries: 1,
    });
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_unavailable");
  });

  it("a delay longer than timeoutMs is model_timeout, bounded by the attempts", async () => {
    const delay = { kind: "delay", ms: 20_000 } as const;
    const { model } = await start([delay, delay, delay, delay], { timeoutMs: 150, maxRetries: 1 });
    const started = Date.now();
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    const elapsed = Date.now() - started;
    expect(failure.code).toBe("model_timeout");
    expect(failure.message).toContain("150 ms");
    expect(chatRequests()).toHaveLength(2);
    // 2 × 150 ms + LangChain's backoff of 1-2 s, plus slack.
    expect(elapsed).toBeGreaterThanOrEqual(2 * 150);
    expect(elapsed).toBeLessThan(3_500);
  });

  it("a body that stalls after the headers times out too (the SDK's own timeout would not)", async () => {
    const { model } = await start(
      [{ kind: "chat", content: JSON.stringify(GOOD), stallAfterChunks: 0 }],
      { timeoutMs: 200, maxRetries: 0 },
    );
    const started = Date.now();
    const failure = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(failure.code).toBe("model_timeout");
    expect(Date.now() - started).toBeLessThan(1_500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chatRequests()[0]?.closedEarly).toBe(true);
  });

  it("a slow first attempt is retried and the second answer is used", async () => {
    const { model } = await start(
      [
        { kind: "delay", ms: 10_000 },
        { kind: "chat", content: JSON.stringify(GOOD) },
      ],
      { timeoutMs: 150 },
    );
    const result = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(result.value).toEqual(GOOD);
    expect(chatRequests()).toHaveLength(2);
  });

  it("401 is model_auth_failed without a retry; 403 too", async () => {
    const { model } = await start([
      { kind: "status", status: 401 },
      { kind: "status", status: 403 },
    ]);
    const first = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(first.code).toBe("model_auth_failed");
    expect(first.status).toBe(401);
    expect(chatRequests()).toHaveLength(1);
    const second = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(second.code).toBe("model_auth_failed");
    expect(chatRequests()).toHaveLength(2);
  });

  it("400 and 404 are model_request_rejected without a retry", async () => {
    const { model } = await start([
      {
        kind: "status",
        status: 400,
        body: {
          error: {
            message: "Invalid schema for response_format 'assessment'",
            type: "invalid_request_error",
          },
        },
      },
      { kind: "status", status: 404, body: { error: { message: "model 'fake-chat' not found" } } },
    ]);
    const first = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(first.code).toBe("model_request_rejected");
    expect(first.message).toContain("Invalid schema");
    const second = await failureOf(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    );
    expect(second.code).toBe("model_request_rejected");
    expect(second.status).toBe(404);
    expect(chatRequests()).toHaveLength(2);
  });

  it("a caller's abort stops the retries and rethrows the signal's reason", async () => {
    const { model } = await start(
      Array.from({ length: 5 }, () => ({ kind: "status", status: 503 }) as const),
      { maxRetryDelayMs: 5_000 },
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 100);
    const started = Date.now();
    await expect(
      model.generateObject({
        messages: MESSAGES,
        schema: Assessment,
        schemaName: "assessment",
        signal: controller.signal,
      }),
    ).rejects.toThrow("user cancelled");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(chatRequests()).toHaveLength(1);
  });

  it("answers from the request: wrong figures first, right ones after seeing the validator's findings", async () => {
    const reply = (body: Record<string, unknown>) => {
      const messages = body.messages as ChatMessage[];
      const sawFindings = messages.some((message) =>
        message.content.includes("Beløbet passer ikke"),
      );
      return JSON.stringify({ ...GOOD, beløb: sawFindings ? 2_500_000 : 3_000_000 });
    };
    server = await startFakeOpenAI({ script: [{ kind: "reply", reply }], chat: reply });
    const model = createOpenAILanguageModel({ baseURL: server.baseURL, apiKey: "k", model: "m" });
    const first = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(first.value.beløb).toBe(3_000_000);
    const repaired = await model.generateObject({
      messages: [
        ...MESSAGES,
        { role: "assistant", content: JSON.stringify(first.value) },
        { role: "user", content: "Beløbet passer ikke: bevillingen er 2,5 mio. kr." },
      ],
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(repaired.value.beløb).toBe(2_500_000);
  });

  it("Azure classic: api-key header instead of Authorization, api-version query, deployment path", async () => {
    server = await startFakeOpenAI({ script: [{ kind: "chat", content: JSON.stringify(GOOD) }] });
    const model = createOpenAILanguageModel({
      baseURL: `${server.origin}/openai/deployments/gpt-4o`,
      apiKey: "azure-key",
      model: "gpt-4o",
      defaultHeaders: { "api-key": "azure-key" },
      defaultQuery: { "api-version": "2024-10-21" },
    });
    await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    const [request] = server.requests;
    expect(request?.path).toBe("/openai/deployments/gpt-4o/chat/completions");
    expect(request?.query).toEqual({ "api-version": "2024-10-21" });
    expect(request?.headers["api-key"]).toBe("azure-key");
    expect(request?.headers.authorization).toBeUndefined();
  });

  describe("streamText", () => {
    const collect = async (stream: AsyncIterable<string>) => {
      const deltas: string[] = [];
      for await (const delta of stream) deltas.push(delta);
      return deltas;
    };

    it("yields the deltas in order", async () => {
      const chunks = ["Indsatsen ", "videreføres ", "med ", "2,5 mio. kr. ", "årligt."];
      const { model } = await start([{ kind: "chat", content: chunks.join(""), chunks }]);
      expect(await collect(model.streamText({ messages: MESSAGES }))).toEqual(chunks);
      const body = chatRequests()[0]?.body;
      expect(body?.stream).toBe(true);
      expect(body?.messages).toEqual(MESSAGES);
    });

    it("retries a 429 before the stream starts", async () => {
      const { model } = await start([
        { kind: "status", status: 429 },
        { kind: "chat", content: "Hej verden" },
      ]);
      expect((await collect(model.streamText({ messages: MESSAGES }))).join("")).toBe("Hej verden");
      expect(chatRequests()).toHaveLength(2);
    });

    it("maps errors the same way", async () => {
      const { model } = await start([
        { kind: "status", status: 401 },
        ...Array.from({ length: 3 }, () => ({ kind: "status", status: 502 }) as const),
      ]);
      const auth = await failureOf(collect(model.streamText({ messages: MESSAGES })));
      expect(auth.code).toBe("model_auth_failed");
      const unavailable = await failureOf(collect(model.streamText({ messages: MESSAGES })));
      expect(unavailable.code).toBe("model_unavailable");
      expect(chatRequests()).toHaveLength(4);
    });

    it("a stream that stalls between chunks is model_timeout after the deltas so far", async () => {
      const { model } = await start(
        [{ kind: "chat", content: "", chunks: ["a", "b", "c"], stallAfterChunks: 2 }],
        { timeoutMs: 200 },
      );
      const deltas: string[] = [];
      const started = Date.now();
      const failure = await failureOf(
        (async () => {
          for await (const delta of model.streamText({ messages: MESSAGES })) deltas.push(delta);
        })(),
      );
      expect(failure.code).toBe("model_timeout");
      expect(deltas).toEqual(["a", "b"]);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(chatRequests()).toHaveLength(1);
    });

    it("slow chunks that keep coming are not a timeout, nor is a slow consumer", async () => {
      const { model } = await start(
        [{ kind: "chat", content: "", chunks: ["a", "b", "c", "d"], chunkDelayMs: 100 }],
        { timeoutMs: 250 },
      );
      const deltas: string[] = [];
      for await (const delta of model.streamText({ messages: MESSAGES })) {
        deltas.push(delta);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(deltas).toEqual(["a", "b", "c", "d"]);
    });

    it("a stream that closes before the model finished is model_unavailable", async () => {
      const { model } = await start([
        { kind: "chat", content: "", chunks: ["a", "b", "c"], endAfterChunks: 2 },
      ]);
      const failure = await failureOf(collect(model.streamText({ messages: MESSAGES })));
      expect(failure.code).toBe("model_unavailable");
    });

    it("a consumer that stops early closes the request", async () => {
      const { model } = await start(
        [{ kind: "chat", content: "", chunks: ["a", "b", "c"], stallAfterChunks: 2 }],
        { timeoutMs: 5_000 },
      );
      const deltas: string[] = [];
      for await (const delta of model.streamText({ messages: MESSAGES })) {
        deltas.push(delta);
        if (deltas.length === 2) break;
      }
      expect(deltas).toEqual(["a", "b"]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(chatRequests()[0]?.closedEarly).toBe(true);
    });

    it("an SSE error frame mid-stream is model_unavailable, not retried", async () => {
      const { model } = await start([
        { kind: "chat", content: "", chunks: ["a", "b", "c"], errorAfterChunks: 1 },
      ]);
      const deltas: string[] = [];
      const failure = await failureOf(
        (async () => {
          for await (const delta of model.streamText({ messages: MESSAGES })) deltas.push(delta);
        })(),
      );
      expect(failure.code).toBe("model_unavailable");
      expect(failure.message).toContain("scripted engine error");
      expect(deltas).toEqual(["a"]);
      expect(chatRequests()).toHaveLength(1);
    });

    it("a caller's abort mid-stream rethrows the reason instead of ending quietly", async () => {
      const { model } = await start(
        [{ kind: "chat", content: "", chunks: ["a", "b", "c"], stallAfterChunks: 1 }],
        { timeoutMs: 5_000 },
      );
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("user left")), 100);
      await expect(
        collect(model.streamText({ messages: MESSAGES, signal: controller.signal })),
      ).rejects.toThrow("user left");
    });
  });
});

describe("fake language model", () => {
  it("records calls and replays objects, errors and functions; checks objects against the schema", async () => {
    const model = createFakeLanguageModel({
      objects: [
        { value: GOOD, usage: { inputTokens: 3 } },
        { error: upstreamError("model_timeout") },
        (call) => ({ ...GOOD, indholdIJusteretIndsats: call.schemaName }),
        { value: { beløb: "x" } },
      ],
    });
    const first = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "assessment",
    });
    expect(first).toEqual({ value: GOOD, usage: { inputTokens: 3 }, latencyMs: 0 });
    await expect(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    ).rejects.toMatchObject({ code: "model_timeout" });
    const third = await model.generateObject({
      messages: MESSAGES,
      schema: Assessment,
      schemaName: "third",
    });
    expect(third.value.indholdIJusteretIndsats).toBe("third");
    await expect(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    ).rejects.toMatchObject({ code: "model_malformed_output" });
    await expect(
      model.generateObject({ messages: MESSAGES, schema: Assessment, schemaName: "assessment" }),
    ).rejects.toThrow("no scripted answer left");
    expect(model.generateObjectCalls.map((call) => call.schemaName)).toEqual([
      "assessment",
      "assessment",
      "third",
      "assessment",
      "assessment",
    ]);
    expect(model.generateObjectCalls[0]?.messages).toEqual(MESSAGES);
  });

  it("streams scripted deltas, then an error if scripted", async () => {
    const model = createFakeLanguageModel({
      texts: [{ deltas: ["a", "b"] }, { deltas: ["c"], error: upstreamError("model_unavailable") }],
    });
    const first: string[] = [];
    for await (const delta of model.streamText({ messages: MESSAGES })) first.push(delta);
    expect(first).toEqual(["a", "b"]);
    const second: string[] = [];
    await expect(
      (async () => {
        for await (const delta of model.streamText({ messages: MESSAGES })) second.push(delta);
      })(),
    ).rejects.toMatchObject({ code: "model_unavailable" });
    expect(second).toEqual(["c"]);
    expect(model.streamTextCalls).toHaveLength(2);
  });
});
