/**
 * A local OpenAI-compatible HTTP server for tests: embeddings (float or base64, as the client
 * asks) and chat completions (JSON or SSE when the request says `stream: true`) from a script.
 * It records every request and can fail on purpose: a status with headers, a delay, a body that
 * is not JSON, a reply that stalls after the headers, or a stream that stops early. It answers
 * tool calls when scripted to, and streams chunks with a delay between them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { embedByHashing } from "../../src/retrieval/hashing-embedder.ts";

/** What the fake reports as token usage; `null` leaves `usage` out of the answer. */
export type FakeUsage = { prompt_tokens: number; completion_tokens: number } | null;

/** A chat answer: the content, or a function of the parsed request body that returns it. */
export type FakeChatReply = {
  kind: "chat";
  content: string | ((body: Record<string, unknown>) => string);
  usage?: FakeUsage;
  /** "stop" unless given; "length" says the model hit its token limit. */
  finishReason?: string;
  /** When streaming: the deltas to send (default: the content cut into pieces of a few characters). */
  chunks?: string[];
  /** When streaming: milliseconds to wait before each chunk. */
  chunkDelayMs?: number;
  /** Send the headers (and when streaming, this many chunks), then neither write nor close: a hung model. */
  stallAfterChunks?: number;
  /** When streaming: close the connection after this many chunks, without a finish reason or [DONE]. */
  endAfterChunks?: number;
  /** When streaming: after this many chunks send an SSE `data: {"error": …}` frame and close (as vLLM does on an engine error). */
  errorAfterChunks?: number;
  /** Answer with these tool calls (finish reason "tool_calls") instead of content; arguments are sent as JSON text. */
  toolCalls?: Array<{ name: string; arguments: unknown }>;
};

export type FakeReply =
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "delay"; ms: number }
  | FakeChatReply
  /** A chat answer computed from the request, e.g. a model that corrects itself once it sees findings. */
  | { kind: "reply"; reply: (body: Record<string, unknown>) => string }
  /** A 200 with this exact body (e.g. not JSON at all). */
  | { kind: "raw"; body: string; contentType?: string };

export type FakeOpenAIOptions = {
  dimensions?: number;
  /** Replies consumed in order for each request; when empty the server answers normally. */
  script?: FakeReply[];
  /** The chat answer when the script is empty (default "OK"). */
  chat?: string | ((body: Record<string, unknown>) => string);
};

export type FakeRequest = {
  /** The path after the `/v1` prefix, without the query string. */
  path: string;
  body: Record<string, unknown>;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** Set when the client closed the connection before the reply was complete (a timeout or an abort). */
  closedEarly: boolean;
};

export type FakeOpenAIServer = {
  baseURL: string;
  /** `http://127.0.0.1:<port>`, for base URLs with another path (Azure's `/openai/deployments/<name>`). */
  origin: string;
  requests: FakeRequest[];
  script: FakeReply[];
  close(): Promise<void>;
};

const DEFAULT_USAGE = { prompt_tokens: 1, completion_tokens: 1 };

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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The content cut into pieces of up to four characters (code points, so "æøå" stay whole). */
function cutIntoChunks(content: string): string[] {
  const characters = [...content];
  const chunks: string[] = [];
  for (let index = 0; index < characters.length; index += 4)
    chunks.push(characters.slice(index, index + 4).join(""));
  return chunks;
}

function usageOf(usage: FakeUsage | undefined) {
  const reported = usage === undefined ? DEFAULT_USAGE : usage;
  return reported === null
    ? {}
    : { usage: { ...reported, total_tokens: reported.prompt_tokens + reported.completion_tokens } };
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const dimensions = options.dimensions ?? 64;
  const requests: FakeOpenAIServer["requests"] = [];
  const script = [...(options.script ?? [])];
  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };

  const answerChat = async (
    response: ServerResponse,
    body: Record<string, unknown>,
    reply: FakeChatReply,
  ) => {
    const content = typeof reply.content === "function" ? reply.content(body) : reply.content;
    const finishReason = reply.finishReason ?? "stop";
    const base = { id: "chatcmpl-fake", created: 0, model: body.model };
    if (body.stream !== true && reply.toolCalls !== undefined) {
      return send(response, 200, {
        ...base,
        object: "chat.completion",
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: null,
              tool_calls: reply.toolCalls.map((call, index) => ({
                id: `call_${index}`,
                type: "function",
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            },
            finish_reason: "tool_calls",
          },
        ],
        ...usageOf(reply.usage),
      });
    }
    if (body.stream !== true) {
      const completion = {
        ...base,
        object: "chat.completion",
        choices: [
          { index: 0, message: { role: "assistant", content }, finish_reason: finishReason },
        ],
        ...usageOf(reply.usage),
      };
      if (reply.stallAfterChunks !== undefined) {
        // Headers and half a body, then nothing: a server that hangs after it started answering.
        const text = JSON.stringify(completion);
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(text)),
        });
        response.write(text.slice(0, Math.floor(text.length / 2)));
        return;
      }
      return send(response, 200, completion);
    }
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    const frame = (data: unknown) =>
      response.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    frame(chunk({ role: "assistant", content: "" }, null));
    const pieces = reply.chunks ?? cutIntoChunks(content);
    for (const [index, piece] of pieces.entries()) {
      if (reply.stallAfterChunks === index) return;
      if (reply.endAfterChunks === index) return void response.end();
      if (reply.errorAfterChunks === index) {
        frame({ error: { message: "scripted engine error", type: "server_error" } });
        return void response.end();
      }
      if (reply.chunkDelayMs !== undefined) await sleep(reply.chunkDelayMs);
      frame(chunk({ content: piece }, null));
    }
    if (reply.stallAfterChunks !== undefined) return;
    if (reply.endAfterChunks !== undefined) return void response.end();
    frame(chunk({}, finishReason));
    const usage = usageOf(reply.usage);
    if (body.stream_options !== undefined && "usage" in usage)
      frame({ ...base, object: "chat.completion.chunk", choices: [], ...usage });
    frame("[DONE]");
    response.end();
  };

  const server: Server = createServer(async (request, response) => {
    const text = await readBody(request);
    const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    const url = new URL(request.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/v1/, "");
    const recorded: FakeRequest = {
      path,
      body,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers },
      closedEarly: false,
    };
    requests.push(recorded);
    response.on("close", () => {
      if (!response.writableFinished) recorded.closedEarly = true;
    });
    let reply = script.shift();
    while (reply?.kind === "delay") {
      await sleep(reply.ms);
      reply = script.shift();
    }
    if (response.destroyed) return;
    if (reply?.kind === "status")
      return send(
        response,
        reply.status,
        reply.body ?? { error: { message: `scripted ${reply.status}`, type: "scripted" } },
        reply.headers,
      );
    if (reply?.kind === "raw")
      return send(
        response,
        200,
        reply.body,
        reply.contentType === undefined ? {} : { "content-type": reply.contentType },
      );
    if (path.endsWith("/embeddings")) {
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
    if (path.endsWith("/chat/completions")) {
      if (reply?.kind === "chat") return answerChat(response, body, reply);
      if (reply?.kind === "reply")
        return answerChat(response, body, { kind: "chat", content: reply.reply });
      return answerChat(response, body, { kind: "chat", content: options.chat ?? "OK" });
    }
    return send(response, 404, { error: { message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseURL: `${origin}/v1`,
    origin,
    requests,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled replies keep their sockets open; without this close() would wait for them forever.
        server.closeAllConnections();
      }),
  };
}
