/** The in-memory corpus store (the Worker's): the same reviewer queries as LanceDB, filters, cards, spans, replace. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { indexKey, ingestFiles } from "../../src/corpus/ingest.ts";
import { bestPerCard } from "../../src/http/create-app.ts";
import { createHashingEmbedder } from "../../src/retrieval/hashing-embedder.ts";
import {
  createMemoryStore,
  type MemoryStore,
  type VectorIndex,
} from "../../src/retrieval/memory-store.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { SEARCH_CASES } from "../../evals/support/search-queries.ts";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../../corpus");
const embedder = createHashingEmbedder();
let store: MemoryStore;

beforeAll(async () => {
  store = createMemoryStore({ embedder, now: () => "2026-11-28T00:00:00.000Z" });
  const summary = await ingestFiles(await readBundledCorpus(CORPUS_DIR), { store, embedder });
  expect(summary.failed).toBe(0);
  expect(summary.cards).toBe(67);
});

describe("search over the memory store", () => {
  it.each(SEARCH_CASES)("finds $expected in the top 3 for “$query”", async (testCase) => {
    const hits = await store.search({
      query: testCase.query,
      limit: 40,
      ...(testCase.year === undefined ? {} : { year: testCase.year }),
      ...(testCase.kind === undefined ? {} : { kind: testCase.kind }),
    });
    const top = bestPerCard(hits, 3).map((hit) => hit.cardId);
    expect(top).toContain(testCase.expected);
  });

  it("filters every mode by year, kind and card", async () => {
    for (const mode of ["hybrid", "fulltext", "vector"] as const) {
      const byYear = await store.search({ query: "unge ledige", year: 2023, mode, limit: 30 });
      expect(byYear.length).toBeGreaterThan(0);
      expect(byYear.every((hit) => hit.year === 2023)).toBe(true);
      const byKind = await store.search({
        query: "unge ledige",
        kind: "budget_note",
        mode,
        limit: 30,
      });
      expect(byKind.length).toBeGreaterThan(0);
      expect(byKind.every((hit) => hit.kind === "budget_note")).toBe(true);
      const byCard = await store.search({
        query: "unge",
        cardId: "bilag-2026-14",
        mode,
        limit: 30,
      });
      expect(byCard.every((hit) => hit.cardId === "bilag-2026-14")).toBe(true);
    }
    expect(await store.search({ query: "unge", year: 1999 })).toEqual([]);
  });

  it("scores full text by BM25, vectors by cosine, hybrid by RRF, best first", async () => {
    const fulltext = await store.search({ query: "TechBBQ", mode: "fulltext", limit: 5 });
    expect(fulltext[0]?.title).toContain("TechBBQ");
    const vector = await store.search({
      query: "TechBBQ iværksætterprogram",
      mode: "vector",
      limit: 5,
    });
    expect(vector[0]?.score).toBeLessThanOrEqual(1);
    const hybrid = await store.search({ query: "TechBBQ iværksætterprogram", limit: 10 });
    expect(hybrid[0]?.score).toBeLessThanOrEqual(2 / 61);
    for (const hits of [fulltext, vector, hybrid])
      for (let index = 1; index < hits.length; index++)
        expect(hits[index - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[index]?.score ?? 0);
    // Stop words and punctuation only: nothing to match, no error.
    expect(await store.search({ query: "og i ?!", mode: "fulltext" })).toEqual([]);
  });

  it("quotes passages whose spans point into the stored raw source text", async () => {
    const raw = await readFile(
      path.join(CORPUS_DIR, "bilag-2024-udloebende-bevillinger.txt"),
      "utf8",
    );
    expect(await store.sourceText("bilag-2024")).toBe(raw.replace(/^\uFEFF/, ""));
    const hits = await store.search({
      query: "Jobbanken veteraner",
      year: 2024,
      limit: 5,
      mode: "fulltext",
    });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits)
      expect(raw.slice(hit.start, hit.end).replace(/\s+/g, " ").slice(0, 40)).toBe(
        hit.quote.replace(/\s+/g, " ").slice(0, 40),
      );
    expect(await store.sourceText("bilag-1999")).toBeUndefined();
  });
});

describe("documents and cards", () => {
  it("lists documents and cards with filters and returns one card with its tables", async () => {
    const documents = await store.listDocuments();
    expect(documents.map((document) => [document.id, document.cardCount])).toEqual([
      ["bilag-2023", 29],
      ["budgetnotat-bi07-2023", 1],
      ["bilag-2024", 9],
      ["budgetnotat-bi26-2025", 1],
      ["bilag-2026", 27],
    ]);
    expect(documents[0]).toMatchObject({
      embedder: indexKey(embedder),
      ingestedAt: "2026-11-28T00:00:00.000Z",
    });
    expect(await store.listCards()).toHaveLength(67);
    expect(await store.listCards({ year: 2026 })).toHaveLength(27);
    expect((await store.listCards({ kind: "budget_note" })).map((card) => card.id)).toEqual([
      "bi07-2023",
      "bi26-2025",
    ]);
    const stopped = await store.listCards({ decision: "ophører" });
    expect(stopped.every((card) => card.decision === "ophører")).toBe(true);

    const card = await store.getCard("bilag-2026-04");
    expect(card?.card.title).toMatch(/ekstremisme/i);
    expect(card?.document.id).toBe("bilag-2026");
    const note = await store.getCard("bi26-2025");
    expect(note?.tables.length).toBeGreaterThan(0);
    expect(await store.getCard("bilag-1999-01")).toBeUndefined();
    expect((await store.allDocuments()).map((document) => document.document.id)).toHaveLength(5);
    expect(await store.storedEmbedder()).toBe(indexKey(embedder));
    expect(await store.documentVersion("bilag-2024")).toEqual({
      contentHash: documents.find((document) => document.id === "bilag-2024")?.contentHash,
      embedder: indexKey(embedder),
    });
  });

  it("replaces a document's rows in memory and is idempotent through ingest", async () => {
    const local = createMemoryStore({ embedder });
    const files = await readBundledCorpus(CORPUS_DIR);
    const first = await ingestFiles(files, { store: local, embedder });
    const count = await local.count();
    const again = await ingestFiles(files, { store: local, embedder });
    expect(again.files.map((file) => file.status)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(await local.count()).toBe(count);

    const annex2024 = files.find((file) => file.name.startsWith("bilag-2024"));
    if (annex2024 === undefined) throw new Error("fixture missing");
    const changed = new TextEncoder().encode(`${new TextDecoder().decode(annex2024.bytes)}\n`);
    const replaced = await ingestFiles([{ ...annex2024, bytes: changed }], {
      store: local,
      embedder,
    });
    expect(replaced.files[0]?.status).toBe("replaced");
    expect(await local.count()).toBe(count);
    expect(first.cards).toBe(67);

    await local.clear();
    expect(await local.count()).toBe(0);
    expect(await local.listDocuments()).toEqual([]);
    expect(await local.search({ query: "TechBBQ" })).toEqual([]);
  });
});

describe("an external vector index", () => {
  it("answers the vector side and leaves out ids the store does not hold", async () => {
    const calls: Array<{ topK: number; filter: object }> = [];
    const external: VectorIndex = {
      name: "fake-index",
      async query(_vector, options) {
        calls.push(options);
        return [
          { id: "not-a-chunk", score: 0.99 },
          { id: "bilag-2026-04:0:0", score: 0.5 },
        ];
      },
    };
    const local = createMemoryStore({ embedder, vectorIndex: external });
    await ingestFiles(await readBundledCorpus(CORPUS_DIR), { store: local, embedder });
    expect(local.vectorBackend).toBe("fake-index");
    const hits = await local.search({ query: "ekstremisme", mode: "vector", year: 2026, limit: 5 });
    expect(hits.map((hit) => [hit.id, hit.score])).toEqual([["bilag-2026-04:0:0", 0.5]]);
    expect(calls).toEqual([{ topK: 5, filter: { year: 2026 } }]);
  });
});
