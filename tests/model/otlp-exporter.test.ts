import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLangChainLanguageModel } from "../../src/model/langchain-language-model.ts";
import { createOtlpExporter } from "../../src/model/otlp-exporter.ts";
import { startFakeOpenAI, type FakeOpenAIServer } from "../../evals/support/fake-openai-server.ts";

/** A local stand-in for an OpenTelemetry collector: keeps every POST body and its path. */
async function startFakeCollector(status = 200) {
  const received: Array<{ path: string; body: Record<string, unknown> }> = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        body: JSON.parse(Buffer.concat(parts).toString("utf8")) as Record<string, unknown>,
      });
      response.writeHead(status, { "content-type": "application/json" });
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Span = {
  name: string;
  traceId: string;
  spanId: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  status: { code: number };
};

const spansOf = (body: Record<string, unknown>): Span[] =>
  (body.resourceSpans as Array<{ scopeSpans: Array<{ spans: Span[] }> }>).flatMap((resource) =>
    resource.scopeSpans.flatMap((scope) => scope.spans),
  );

const attribute = (span: Span | undefined, key: string) =>
  span?.attributes.find((item) => item.key === key)?.value;

describe("OTLP/HTTP JSON exporter of model call traces", () => {
  let openai: FakeOpenAIServer | undefined;
  let collector: Awaited<ReturnType<typeof startFakeCollector>> | undefined;
  afterEach(async () => {
    await openai?.close();
    await collector?.close();
  });

  it("sends one span per model call with model, route, prompt, tokens, retries and status", async () => {
    collector = await startFakeCollector();
    openai = await startFakeOpenAI({
      script: [
        { kind: "status", status: 500 },
        {
          kind: "chat",
          content: JSON.stringify({ text: "Indsatsen videreføres." }),
          usage: { prompt_tokens: 42, completion_tokens: 7 },
        },
        { kind: "chat", content: "not json" },
      ],
    });
    const exporter = createOtlpExporter({ endpoint: `${collector.endpoint}/` });
    const model = createLangChainLanguageModel({
      baseURL: openai.baseURL,
      apiKey: "k",
      model: "fake-chat",
      maxRetries: 1,
      onTrace: exporter.sink,
    });
    const schema = z.object({ text: z.string() });
    const request = {
      messages: [{ role: "user" as const, content: "Skriv" }],
      schema,
      schemaName: "prose",
      context: { route: "drafts/assessment", prompt: { id: "assessment", version: "1" } },
    };
    await model.generateObject(request);
    await expect(model.generateObject(request)).rejects.toMatchObject({
      code: "model_malformed_output",
    });
    await exporter.flush();
    expect(collector.received.map((item) => item.path)).toEqual(["/v1/traces", "/v1/traces"]);
    const [ok, failed] = collector.received.flatMap((item) => spansOf(item.body));
    expect(ok?.name).toBe("object fake-chat");
    expect(ok?.traceId).toMatch(/^[0-9a-f]{32}$/u);
    expect(ok?.spanId).toMatch(/^[0-9a-f]{16}$/u);
    expect(BigInt(ok?.endTimeUnixNano ?? "0")).toBeGreaterThan(
      BigInt(ok?.startTimeUnixNano ?? "0"),
    );
    expect(attribute(ok, "gen_ai.request.model")).toEqual({ stringValue: "fake-chat" });
    expect(attribute(ok, "gen_ai.usage.input_tokens")).toEqual({ intValue: "42" });
    expect(attribute(ok, "gen_ai.usage.output_tokens")).toEqual({ intValue: "7" });
    expect(attribute(ok, "bilagsassistent.route")).toEqual({ stringValue: "drafts/assessment" });
    expect(attribute(ok, "bilagsassistent.prompt")).toEqual({ stringValue: "assessment@1" });
    expect(attribute(ok, "bilagsassistent.retries")).toEqual({ intValue: "1" });
    expect(ok?.status.code).toBe(1);
    expect(failed?.status.code).toBe(2);
    expect(attribute(failed, "error.type")).toEqual({ stringValue: "model_malformed_output" });
    expect(attribute(failed, "bilagsassistent.validation")).toEqual({ stringValue: "failed" });
  }, 20_000);

  it("a collector that fails is reported, and the model call still succeeds", async () => {
    collector = await startFakeCollector(503);
    openai = await startFakeOpenAI({ chat: JSON.stringify({ text: "ok" }) });
    const errors: unknown[] = [];
    const exporter = createOtlpExporter({
      endpoint: collector.endpoint,
      onError: (error) => errors.push(error),
    });
    const model = createLangChainLanguageModel({
      baseURL: openai.baseURL,
      apiKey: "k",
      model: "m",
      onTrace: exporter.sink,
    });
    const result = await model.generateObject({
      messages: [{ role: "user", content: "x" }],
      schema: z.object({ text: z.string() }),
      schemaName: "x",
    });
    expect(result.value.text).toBe("ok");
    await exporter.flush();
    expect(String(errors[0])).toContain("503");
  });
});
