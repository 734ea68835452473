import { afterEach, describe, expect, it } from "vitest";
import { UpstreamError } from "../../src/errors/errors.ts";
import { expandQuery } from "../../src/retrieval/expand-query.ts";
import { createHashingEmbedder, embedByHashing } from "../../src/retrieval/hashing-embedder.ts";
import { createOpenAIEmbedder } from "../../src/retrieval/openai-embedder.ts";
import { ingestFiles } from "../../src/corpus/ingest.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { CORPUS_DIR, createTempStore } from "../../evals/support/corpus-store.ts";
import { startFakeOpenAI, type FakeOpenAIServer } from "../../evals/support/fake-openai-server.ts";

const cosine = (left: number[], right: number[]) =>
  left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);

describe("built-in hashing embedder", () => {
  it("gives unit vectors of the configured size, the same for the same text", async () => {
    const embedder = createHashingEmbedder({ dimensions: 128 });
    const [first, second] = await embedder.embed([
      "Forebyggelse af ekstremisme",
      "Forebyggelse af ekstremisme",
    ]);
    expect(first).toHaveLength(128);
    expect(first).toEqual(second);
    expect(cosine(first ?? [], first ?? [])).toBeCloseTo(1, 6);
  });

  it("puts OCR-damaged and folded spellings near the correct ones", () => {
    const correct = embedByHashing("Københavns Kommune økonomi ressourcer", 256);
    const damaged = embedByHashing("Kgbenhavns Kommune @konomi ressourcer", 256);
    const unrelated = embedByHashing("fritidsjob til unge i skoleferien", 256);
    expect(cosine(correct, damaged)).toBeGreaterThan(cosine(correct, unrelated) + 0.2);
  });
});

describe("English query expansion", () => {
  it("adds Danish domain words to an English query and leaves Danish alone", () => {
    expect(expandQuery("What did we decide about extremism prevention?")).toMatch(
      /ekstremisme.*forebyggelse|forebyggelse.*ekstremisme/,
    );
    expect(expandQuery("forebyggelse af ekstremisme")).toBe("forebyggelse af ekstremisme");
  });
});

describe("OpenAI-compatible embedder against a local fake server", () => {
  let server: FakeOpenAIServer | undefined;
  afterEach(async () => server?.close());

  it("embeds over HTTP (base64, as the SDK asks), learns the dimension, and batches", async () => {
    server = await startFakeOpenAI({ dimensions: 48 });
    const embedder = await createOpenAIEmbedder({
      baseURL: server.baseURL,
      apiKey: "test",
      model: "fake-embed",
      batchSize: 2,
    });
    expect(embedder.dimensions).toBe(48);
    const vectors = await embedder.embed(["a", "b", "c"]);
    expect(vectors.map((vector) => vector.length)).toEqual([48, 48, 48]);
    expect(vectors[0]?.[0]).toBeCloseTo(embedByHashing("a", 48)[0] ?? 0, 5);
    const embeddingCalls = server.requests.filter((request) => request.path === "/embeddings");
    expect(embeddingCalls.map((request) => (request.body.input as string[]).length)).toEqual([
      1, 2, 1,
    ]);
    expect(embeddingCalls[0]?.body.model).toBe("fake-embed");
  });

  it("retries a 429 and then succeeds", async () => {
    server = await startFakeOpenAI({ dimensions: 8, script: [{ kind: "status", status: 429 }] });
    const embedder = await createOpenAIEmbedder({
      baseURL: server.baseURL,
      apiKey: "test",
      model: "m",
      maxRetries: 2,
    });
    expect(embedder.dimensions).toBe(8);
  });

  it("turns a failing endpoint into the project's UpstreamError", async () => {
    server = await startFakeOpenAI({ dimensions: 8 });
    const embedder = await createOpenAIEmbedder({
      baseURL: server.baseURL,
      apiKey: "test",
      model: "m",
      maxRetries: 0,
      dimensions: 8,
    });
    server.script.push({ kind: "status", status: 500 });
    const failure = await embedder.embed(["x"]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).status).toBe(500);
    server.script.push({ kind: "raw", body: JSON.stringify({ object: "list", data: [] }) });
    await expect(embedder.embed(["x"])).rejects.toMatchObject({ code: "embeddings_malformed" });
  });

  it("indexes the corpus through the endpoint and finds a card with the vector search", async () => {
    server = await startFakeOpenAI({ dimensions: 96 });
    const embedder = await createOpenAIEmbedder({
      baseURL: server.baseURL,
      apiKey: "test",
      model: "fake-embed",
    });
    const temp = await createTempStore(embedder);
    try {
      const summary = await ingestFiles(await readBundledCorpus(CORPUS_DIR), {
        store: temp.store,
        embedder,
      });
      expect(summary.failed).toBe(0);
      const hits = await temp.store.search({
        query: "forebyggelse af ekstremisme og radikalisering",
        mode: "vector",
        limit: 3,
      });
      expect(hits.map((hit) => hit.cardId)).toContain("bilag-2026-04");
      expect(await temp.store.storedEmbedder()).toMatch(
        /^openai-compatible:fake-embed#corpus-v\d+$/,
      );
    } finally {
      await temp.dispose();
    }
  });
});
