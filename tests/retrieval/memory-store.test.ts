/** The in-memory corpus store (used by the Worker): the same reviewer queries as LanceDB, filters, cards, spans. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestFiles, indexKey } from "../../src/corpus/ingest.ts";
import { bestPerCard } from "../../src/http/create-app.ts";
import { createHashingEmbedder } from "../../src/retrieval/hashing-embedder.ts";
import { createMemoryStore, type MemoryStore, type VectorIndex } from "../../src/retrieval/memory-store.ts";
import type { Chunk } from "../../src/retrieval/ports.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { SEARCH_CASES } from "../index/search-queries.ts";

const CORPUS_DIR = path.resolve(import.meta.dirname, "../../corpus");
const embedder = createHashingEmbedder();
let store: MemoryStore;

beforeAll(async () => {
  store = createMemoryStore({ embedder });
  const summary = await ingestFiles(await readBundledCorpus(CORPUS_DIR), { store, embedder });
  expect(summary.failed).toBe(0);
});

describe("search over the memory store", () => {
  it.each(SEARCH_CASES)("finds $expected in the top 3 for “$query”", async (testCase) => {
    const hits = await store.search({ query: testCase.query, limit: 40, ...(testCase.year === undefined ? {} : { year: testCase.year }), ...(testCase.kind === undefined ? {} : { kind: testCase.kind }) });
    const top = bestPerCard(hits, 3).map((hit) => hit.cardId);
    expect(top).toContain(testCase.expected);
  });
});
