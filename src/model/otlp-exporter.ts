/**
 * Sends model call traces to an OpenTelemetry collector as OTLP/HTTP JSON (POST
 * `<endpoint>/v1/traces`), one span per call, with fetch only (Node and Workers). Attributes follow
 * the GenAI semantic conventions where they exist (gen_ai.*) and name the rest under
 * bilagsassistent.*. Export failures are reported to `onError` and never fail a call.
 */
import type { ModelCallTrace, ModelTraceSink } from "../ports/language-model.ts";

export type OtlpExporterOptions = {
  /** The collector's base URL, e.g. "http://localhost:4318" (OTEL_EXPORTER_OTLP_ENDPOINT). */
  endpoint: string;
  serviceName?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  onError?: (error: unknown) => void;
};

type Attribute = {
  key: string;
  value: { stringValue: string } | { intValue: string } | { doubleValue: number };
};

function randomHex(bytes: number): string {
  const values = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return [...values].map((value) => value.toString(16).padStart(2, "0")).join("");
}

function nanos(milliseconds: number): string {
  return (BigInt(Math.round(milliseconds * 1000)) * 1000n).toString();
}

/** One trace as an OTLP span. */
export function toOtlpSpan(trace: ModelCallTrace): Record<string, unknown> {
  const start = Date.parse(trace.startedAt);
  const attributes: Attribute[] = [
    { key: "gen_ai.system", value: { stringValue: trace.provider } },
    { key: "gen_ai.operation.name", value: { stringValue: trace.operation } },
    { key: "gen_ai.request.model", value: { stringValue: trace.model } },
    { key: "bilagsassistent.retries", value: { intValue: String(trace.retries) } },
    { key: "bilagsassistent.validation", value: { stringValue: trace.validation } },
  ];
  if (trace.route !== undefined)
    attributes.push({ key: "bilagsassistent.route", value: { stringValue: trace.route } });
  if (trace.prompt !== undefined)
    attributes.push({ key: "bilagsassistent.prompt", value: { stringValue: trace.prompt } });
  if (trace.inputTokens !== undefined)
    attributes.push({
      key: "gen_ai.usage.input_tokens",
      value: { intValue: String(trace.inputTokens) },
    });
  if (trace.outputTokens !== undefined)
    attributes.push({
      key: "gen_ai.usage.output_tokens",
      value: { intValue: String(trace.outputTokens) },
    });
  if (trace.firstTokenMs !== undefined)
    attributes.push({
      key: "bilagsassistent.first_token_ms",
      value: { doubleValue: trace.firstTokenMs },
    });
  if (trace.error !== undefined)
    attributes.push({ key: "error.type", value: { stringValue: trace.error } });
  return {
    traceId: randomHex(16),
    spanId: randomHex(8),
    name: `${trace.operation} ${trace.model}`,
    kind: 3,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start + trace.latencyMs),
    attributes,
    status: trace.validation === "passed" ? { code: 1 } : { code: 2, message: trace.error ?? "" },
  };
}

/** A trace sink that exports to the collector, and `flush()` to wait for the exports in flight. */
export function createOtlpExporter(options: OtlpExporterOptions): {
  sink: ModelTraceSink;
  flush(): Promise<void>;
} {
  const url = `${options.endpoint.replace(/\/+$/u, "")}/v1/traces`;
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pending = new Set<Promise<void>>();
  const resource = {
    attributes: [
      { key: "service.name", value: { stringValue: options.serviceName ?? "bilagsassistent" } },
    ],
  };
  return {
    sink(trace) {
      const body = {
        resourceSpans: [
          {
            resource,
            scopeSpans: [{ scope: { name: "bilagsassistent.model" }, spans: [toOtlpSpan(trace)] }],
          },
        ],
      };
      const exported = send(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify(body),
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(`the collector at ${url} answered ${response.status}`);
          await response.body?.cancel();
        })
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => pending.delete(exported));
      pending.add(exported);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
