/**
 * A local OpenAI-compatible HTTP server for tests: embeddings (float or base64, as the client
 * asks) and chat completions from a script. It records every request and can fail on purpose.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { embedByHashing } from "../../src/retrieval/hashing-embedder.ts";

export type FakeReply =
  | { kind: "status"; status: number; body?: unknown }
  | { kind: "delay"; ms: number }
  | { kind: "chat"; content: string }
  | { kind: "raw"; body: string };

export type FakeOpenAIOptions = {
  dimensions?: number;
  /** Replies consumed in order for each request; when empty the server answers normally. */
  script?: FakeReply[];
};

export type FakeOpenAIServer = {
  baseURL: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  script: FakeReply[];
  close(): Promise<void>;
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    request.on("error", reject);
  });
}

function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const dimensions = options.dimensions ?? 64;
  const requests: FakeOpenAIServer["requests"] = [];
  const script = [...(options.script ?? [])];
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const server: Server = createServer(async (request, response) => {
    const text = await readBody(request);
    const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    const path = (request.url ?? "").replace(/^\/v1/, "");
    requests.push({ path, body });
    let reply = script.shift();
    while (reply?.kind === "delay") {
      await new Promise((resolve) => setTimeout(resolve, reply?.kind === "delay" ? reply.ms : 0));
      reply = script.shift();
    }
    if (reply?.kind === "status") return send(response, reply.status, reply.body ?? { error: { message: `scripted ${reply.status}`, type: "scripted" } });
    if (reply?.kind === "raw") return send(response, 200, reply.body);
    if (path.startsWith("/embeddings")) {
      const input = body.input;
      const texts = Array.isArray(input) ? (input as string[]) : [String(input)];
      const base64 = body.encoding_format === "base64";
      return send(response, 200, {
        object: "list",
        model: body.model,
        data: texts.map((item, index) => {
          const vector = embedByHashing(item, dimensions);
          return { object: "embedding", index, embedding: base64 ? toBase64(vector) : vector };
        }),
        usage: { prompt_tokens: texts.length, total_tokens: texts.length },
      });
    }
    if (path.startsWith("/chat/completions")) {
      const content = reply?.kind === "chat" ? reply.content : "OK";
      return send(response, 200, {
        id: "chatcmpl-fake",
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    return send(response, 404, { error: { message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
