/**
 * The chat with a real model path: LangChain's ChatOpenAI against the fake OpenAI-compatible
 * server over HTTP. The model picks the tool by a tool call, then streams its answer slowly; the
 * route must pass the text on as it comes, check each sentence as it completes, and store the
 * message only when the turn is complete.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHAT_TOOL_PROMPT_ID } from "../../src/chat/run-chat-turn.ts";
import { createMemoryConversationStore } from "../../src/chat/conversation-store.ts";
import type { ModelCallTrace } from "../../src/domain/index.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createLangChainLanguageModel } from "../../src/model/langchain-language-model.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createMemoryDraftStore } from "../../src/runtime/workers/memory-draft-store.ts";
import { loadPromptLibrary } from "../../src/runtime/node/prompt-files.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";
import {
  startFakeOpenAI,
  type FakeOpenAIServer,
  type FakeReply,
} from "../../evals/support/fake-openai-server.ts";

const QUESTION = "Hvad besluttede vi om forebyggelse af ekstremisme i 2026?";
const ASK: FakeReply = {
  kind: "chat",
  content: "",
  toolCalls: [{ name: "ask", arguments: { question: QUESTION } }],
};

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let server: FakeOpenAIServer | undefined;

beforeAll(async () => {
  fixture = await createCorpusStore();
});
afterAll(async () => {
  await fixture.dispose();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function appWith(script: FakeReply[]) {
  server = await startFakeOpenAI({ script });
  const traces: ModelCallTrace[] = [];
  const model = createLangChainLanguageModel({
    baseURL: server.baseURL,
    apiKey: "test",
    model: "fake-chat",
    timeoutMs: 2_000,
    maxRetries: 0,
    onTrace: (trace) => traces.push(trace),
  });
  const prompts = await loadPromptLibrary(path.join(CORPUS_DIR, "..", "prompts"));
  const conversations = createMemoryConversationStore();
  const app = createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    conversations,
    model,
    prompts,
    drafting: {
      drafts: createMemoryDraftStore(),
      assessmentWriter: createOfflineWriter(),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
      chatToolPrompt: prompts.get(CHAT_TOOL_PROMPT_ID),
    },
    log: () => undefined,
  });
  return { app, conversations, traces };
}

type TimedFrame = { event: string; data: Record<string, unknown>; at: number };

/** Reads the event stream as it arrives, noting when each frame came. */
async function readFrames(response: Response): Promise<TimedFrame[]> {
  const frames: TimedFrame[] = [];
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error("no body");
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split("\n\n");
    buffer = blocks.pop() ?? "";
    for (const block of blocks) {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      frames.push({ event, data: JSON.parse(data) as Record<string, unknown>, at: Date.now() });
    }
  }
  return frames;
}

const post = (app: ReturnType<typeof createApp>, message: string) =>
  app.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message }),
  });

describe("POST /api/chat with a streaming model", () => {
  it("shows the model's text before the model has finished, marks a sentence whose figure fails, and stores the checked text", async () => {
    const answer =
      "Forebyggelse af ekstremisme blev videreført i bilaget for 2026 [1]. Indsatsen fik 987 mio. kr. om året [1]. Beslutningen står i kortet [1].";
    const chunks = answer.match(/.{1,12}/gsu) ?? [];
    const { app, conversations, traces } = await appWith([
      ASK,
      { kind: "chat", content: answer, chunks, chunkDelayMs: 60 },
    ]);
    const frames = await readFrames(await post(app, QUESTION));
    const names = frames.map((frame) => frame.event);
    expect(names[0]).toBe("conversation");
    expect(names.at(-1)).toBe("end");
    const deltas = frames.filter((frame) => frame.event === "delta");
    expect(deltas.map((frame) => frame.data.text).join("")).toBe(answer);
    // The first text came while the model was still writing: the rest took at least most of its chunk delays.
    const firstDelta = deltas[0]?.at ?? 0;
    const lastDelta = deltas.at(-1)?.at ?? 0;
    expect(lastDelta - firstDelta).toBeGreaterThanOrEqual((chunks.length - 2) * 60 * 0.8);

    const sentences = frames.filter((frame) => frame.event === "sentence").map((f) => f.data);
    expect(sentences.map((sentence) => sentence.ok)).toEqual([true, false, true]);
    expect(sentences[1]).toMatchObject({ reason: "unverified_figure" });
    // A sentence is checked as soon as it is complete, before the model's last chunk.
    const secondChecked = frames.find(
      (frame) => frame.event === "sentence" && frame.data.index === 1,
    );
    expect(secondChecked?.at ?? Infinity).toBeLessThan(lastDelta);

    const final = frames.find((frame) => frame.event === "final")?.data.text as string;
    expect(final).not.toContain("987");
    expect(final).toContain("kunne ikke verificeres");
    const end = frames.at(-1)?.data as { messageId: string };
    const conversationId = frames[0]?.data.conversationId as string;
    const stored = (await conversations.get(conversationId))?.messages ?? [];
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(stored[1]).toMatchObject({ id: end.messageId, text: final });

    // Both calls traced: the tool choice with its prompt version, and the streamed answer.
    expect(traces.map((trace) => trace.operation)).toEqual(["tools", "text"]);
    expect(traces[0]).toMatchObject({ route: "chat", prompt: "chat-tool@1", validation: "passed" });
    expect(traces[1]).toMatchObject({ route: "answers", model: "fake-chat", retries: 0 });
    expect(traces[1]?.firstTokenMs).toBeLessThan(traces[1]?.latencyMs ?? 0);
    expect(traces[1]?.outputTokens).toBe(1);
    const request = server?.requests[0]?.body as { tools?: Array<{ function: { name: string } }> };
    expect(request.tools?.map((tool) => tool.function.name)).toEqual([
      "ask",
      "draft",
      "revise",
      "export",
      "check",
      "smalltalk",
    ]);
  }, 30_000);

  it("a stream dropped mid-answer ends with an error event and stores only the user's message", async () => {
    const { app, conversations, traces } = await appWith([
      ASK,
      {
        kind: "chat",
        content:
          "Forebyggelse af ekstremisme blev videreført [1]. Og mere tekst der aldrig kommer.",
        chunkDelayMs: 20,
        endAfterChunks: 5,
      },
    ]);
    const frames = await readFrames(await post(app, QUESTION));
    const names = frames.map((frame) => frame.event);
    expect(names).toContain("delta");
    expect(names.at(-1)).toBe("error");
    expect(names).not.toContain("end");
    expect(frames.at(-1)?.data).toMatchObject({ code: "model_unavailable" });
    const conversationId = frames[0]?.data.conversationId as string;
    const stored = (await conversations.get(conversationId))?.messages ?? [];
    expect(stored.map((message) => message.role)).toEqual(["user"]);
    expect(traces.at(-1)).toMatchObject({
      operation: "text",
      validation: "failed",
      error: "model_unavailable",
    });
  }, 30_000);
});
