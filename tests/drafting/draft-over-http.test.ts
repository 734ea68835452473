/**
 * Drafting with the real model path over real HTTP: createLangChainLanguageModel + createModelWriter
 * against the local fake OpenAI-compatible server, through POST /api/drafts/assessment.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { createModelWriter } from "../../src/drafting/model-writer.ts";
import { createLangChainLanguageModel } from "../../src/model/langchain-language-model.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../src/runtime/node/lance-draft-store.ts";
import { loadPromptLibrary } from "../../src/runtime/node/prompt-files.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";
import { startFakeOpenAI, type FakeOpenAIServer } from "../../evals/support/fake-openai-server.ts";

const PROMPTS_DIR = path.resolve(import.meta.dirname, "../../prompts");
let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let draftsFolder: string;
let drafts: Awaited<ReturnType<typeof createLanceDraftStore>>;
let server: FakeOpenAIServer | undefined;

beforeAll(async () => {
  fixture = await createCorpusStore();
  draftsFolder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-http-drafts-"));
  drafts = await createLanceDraftStore({ uri: draftsFolder });
});
afterAll(async () => {
  drafts.close();
  await fixture.dispose();
  await rm(draftsFolder, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const GOOD =
  "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret. Indsatsen fortsætter med fokus på tidlig forebyggelse.";
const WRONG =
  "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret med 6,5 mio. kr. årligt.";
const prose = (text: string) => JSON.stringify({ indholdIJusteretIndsats: text });
/** Whether the request is a repair attempt: it carries the previous answer and the validator's findings on "6,5 mio. kr.". */
const isRepair = (body: Record<string, unknown>) =>
  Array.isArray(body.messages) &&
  body.messages.some((message: { role?: string }) => message.role === "assistant") &&
  JSON.stringify(body.messages).includes("6,5 mio. kr.");

async function appWith(fake: FakeOpenAIServer) {
  const model = createLangChainLanguageModel({
    baseURL: fake.baseURL,
    apiKey: "test",
    model: "fake-chat",
    timeoutMs: 1_000,
    maxRetries: 2,
    maxRetryDelayMs: 50,
  });
  const prompts = await loadPromptLibrary(PROMPTS_DIR);
  return createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    drafting: {
      drafts,
      assessmentWriter: createModelWriter(model, prompts),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
      maxAttempts: 3,
    },
    log: () => undefined,
  });
}

const draft = (app: Awaited<ReturnType<typeof appWith>>) =>
  app.request("/api/drafts/assessment", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ initiativeId: "bilag-2026-04", decision: "uændret" }),
  });

type DraftBody = {
  status: string;
  attempts: number;
  model: string;
  prompt: { id: string; version: string };
  text: string;
  validation: { issues: Array<{ code: string; start: number; end: number }> };
};

describe("drafting over HTTP against a fake OpenAI-compatible model", () => {
  it("a model that answers well: a clean draft, recorded with model and prompt version", async () => {
    server = await startFakeOpenAI({ chat: prose(GOOD) });
    const response = await draft(await appWith(server));
    expect(response.status).toBe(201);
    const body = (await response.json()) as DraftBody;
    expect(body).toMatchObject({
      status: "clean",
      attempts: 1,
      model: "openai-compatible:fake-chat",
      prompt: { id: "assessment", version: "1" },
    });
    expect(body.text).toContain("5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030");
    const sent = server.requests.find((request) => request.path === "/chat/completions");
    expect(JSON.stringify(sent?.body.response_format)).toContain("json_schema");
  });

  it("a model that writes a wrong figure: the repair loop fixes it within the attempts", async () => {
    server = await startFakeOpenAI({ chat: (body) => prose(isRepair(body) ? GOOD : WRONG) });
    const body = (await (await draft(await appWith(server))).json()) as DraftBody;
    expect(body.status).toBe("clean");
    expect(body.attempts).toBe(2);
    expect(body.text).not.toContain("6,5 mio. kr.");
  });

  it("a model that never gets it right: flagged at the figure, never clean", async () => {
    server = await startFakeOpenAI({ chat: prose(WRONG) });
    const body = (await (await draft(await appWith(server))).json()) as DraftBody;
    expect(body.status).toBe("flagged");
    expect(body.attempts).toBe(3);
    const issue = body.validation.issues.find(
      (candidate) => candidate.code === "unmatched_figure" || candidate.code === "amount_mismatch",
    );
    expect(body.text.slice(issue?.start, issue?.end)).toContain("6,5 mio. kr.");
  });

  it.each([
    [
      "prose instead of JSON",
      { kind: "chat" as const, content: "Her er min vurdering: indsatsen bør videreføres." },
      "model_malformed_output",
    ],
    ["a 401", { kind: "status" as const, status: 401 }, "model_auth_failed"],
  ])("%s: a clear upstream error (502), nothing stored", async (_name, reply, code) => {
    server = await startFakeOpenAI({ script: [reply, reply, reply] });
    const before = (await drafts.list()).length;
    const response = await draft(await appWith(server));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code } });
    expect((await drafts.list()).length).toBe(before);
  });

  it("429 and timeouts: bounded retries, then the project's upstream error", async () => {
    server = await startFakeOpenAI({
      script: [
        { kind: "status", status: 429 },
        { kind: "status", status: 429 },
        { kind: "status", status: 429 },
        { kind: "status", status: 429 },
      ],
    });
    const limited = await draft(await appWith(server));
    expect(limited.status).toBe(502);
    expect(await limited.json()).toMatchObject({ error: { code: "model_rate_limited" } });
    expect(server.requests.filter((request) => request.path === "/chat/completions")).toHaveLength(
      3,
    );
    await server.close();
    server = await startFakeOpenAI({
      script: [
        { kind: "delay", ms: 20_000 },
        { kind: "delay", ms: 20_000 },
        { kind: "delay", ms: 20_000 },
      ],
    });
    const started = Date.now();
    const slow = await draft(await appWith(server));
    expect(slow.status).toBe(502);
    expect(await slow.json()).toMatchObject({ error: { code: "model_timeout" } });
    // 3 attempts of 1 s, and LangChain's backoff (1-2 s, then 2-4 s).
    expect(Date.now() - started).toBeLessThan(10_500);
  }, 30_000);
});
