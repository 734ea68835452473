import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFiles } from "../../src/corpus/ingest.ts";
import { bestPerCard } from "../../src/http/create-app.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import {
  CORPUS_DIR,
  createCorpusStore,
  createTempStore,
} from "../../evals/support/corpus-store.ts";
import { SEARCH_CASES } from "../../evals/support/search-queries.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;

beforeAll(async () => {
  fixture = await createCorpusStore();
});
afterAll(async () => fixture.dispose());

describe("ingest of the bundled corpus", () => {
  it("reads all five documents with the expected card counts", () => {
    const counts = Object.fromEntries(
      fixture.summary.files.map((file) => [
        file.file,
        file.status === "failed" ? file.error : file.cards,
      ]),
    );
    expect(counts).toEqual({
      "bilag-2023-udloebende-bevillinger.txt": 29,
      "bilag-2024-udloebende-bevillinger.txt": 9,
      "bilag-2026-udloebende-bevillinger.txt": 27,
      "budgetnotat-2023-bi07-udsatte-unge.txt": 1,
      "budgetnotat-2025-bi26-ungeindsats.txt": 1,
    });
    expect(fixture.summary.failed).toBe(0);
  });

  it("keeps the raw source span of every chunk", async () => {
    const raw = await readFile(
      path.join(CORPUS_DIR, "bilag-2024-udloebende-bevillinger.txt"),
      "utf8",
    );
    const hits = await fixture.store.search({
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
  });

  it("is idempotent: the same files again change nothing", async () => {
    const before = await fixture.store.count();
    const again = await ingestFiles(await readBundledCorpus(CORPUS_DIR), {
      store: fixture.store,
      embedder: fixture.embedder,
    });
    expect(again.files.map((file) => file.status)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(await fixture.store.count()).toBe(before);
  });
});

describe("bad input", () => {
  it("reports each bad file by name and reason, ingests the rest, and leaves stored documents untouched", async () => {
    const temp = await createTempStore();
    try {
      const good = (await readBundledCorpus(CORPUS_DIR)).find((file) =>
        file.name.startsWith("bilag-2024"),
      );
      if (good === undefined) throw new Error("fixture missing");
      await ingestFiles([good], { store: temp.store, embedder: temp.embedder });
      const before = await temp.store.count();
      const valid = new TextEncoder().encode(
        await readFile(path.join(CORPUS_DIR, "bilag-2023-udloebende-bevillinger.txt"), "utf8"),
      );
      const halfValid = new Uint8Array([
        ...valid.subarray(0, valid.length / 2),
        0xff,
        0xfe,
        0xc3,
        0x28,
        ...valid.subarray(valid.length / 2),
      ]);
      const huge = new Uint8Array(50 * 1024 * 1024).fill(0x61);
      const summary = await ingestFiles(
        [
          { name: "tom.txt", bytes: new Uint8Array() },
          { name: "billede.txt", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) },
          { name: "kæmpe.txt", bytes: huge },
          { name: "indkøbsliste.txt", bytes: new TextEncoder().encode("Mælk\nÆg\nRugbrød\n") },
          {
            name: "halvt-gyldig.txt",
            bytes: halfValid,
            entry: {
              id: "bilag-2024",
              kind: "annex",
              year: 2024,
              budgetYear: 2025,
              title: "overskriver",
              layout: "annex-plain",
            },
          },
          { ...good, entry: { ...good.entry, id: "bilag-2024-kopi" } },
        ],
        { store: temp.store, embedder: temp.embedder },
      );
      const reasons = Object.fromEntries(
        summary.files.map((file) => [
          file.file,
          file.status === "failed" ? file.code : file.status,
        ]),
      );
      expect(reasons).toEqual({
        "tom.txt": "file_empty",
        "billede.txt": "file_binary",
        "kæmpe.txt": "file_too_large",
        "indkøbsliste.txt": "layout_unknown",
        "halvt-gyldig.txt": "file_not_utf8",
        "bilag-2024-udloebende-bevillinger.txt": "added",
      });
      for (const file of summary.files)
        if (file.status === "failed") expect(file.error).toContain(file.file);
      const stored = await temp.store.listDocuments();
      expect(stored.map((document) => document.id).sort()).toEqual([
        "bilag-2024",
        "bilag-2024-kopi",
      ]);
      expect(stored.find((document) => document.id === "bilag-2024")?.title).not.toBe(
        "overskriver",
      );
      expect(await temp.store.count()).toBe(before * 2);
    } finally {
      await temp.dispose();
    }
  });

  it("replaces a changed document's rows and keeps no old ones", async () => {
    const temp = await createTempStore();
    try {
      const good = (await readBundledCorpus(CORPUS_DIR)).find((file) =>
        file.name.startsWith("bilag-2024"),
      );
      if (good === undefined) throw new Error("fixture missing");
      await ingestFiles([good], { store: temp.store, embedder: temp.embedder });
      const before = await temp.store.count();
      const text = new TextDecoder().decode(good.bytes).replaceAll("Jobbanken", "Jobbørsen");
      const changed = await ingestFiles([{ ...good, bytes: new TextEncoder().encode(text) }], {
        store: temp.store,
        embedder: temp.embedder,
      });
      expect(changed.files[0]?.status).toBe("replaced");
      const hits = await temp.store.search({ query: "Jobbørsen", mode: "fulltext", limit: 20 });
      expect(hits.some((hit) => hit.quote.includes("Jobbørsen"))).toBe(true);
      expect(await temp.store.search({ query: "Jobbanken", mode: "fulltext", limit: 20 })).toEqual(
        [],
      );
      expect(await temp.store.count()).toBe(before);
      const all = await temp.store.search({ query: "veteraner", mode: "fulltext", limit: 50 });
      expect(new Set(all.map((hit) => hit.id)).size).toBe(all.length);
    } finally {
      await temp.dispose();
    }
  });
});

describe("Danish hybrid search", () => {
  it.each(SEARCH_CASES)(
    "finds $expected in the top 3 for “$query”",
    async ({ query, expected, year, kind }) => {
      const hits = await fixture.store.search({
        query,
        limit: 30,
        ...(year === undefined ? {} : { year }),
        ...(kind === undefined ? {} : { kind }),
      });
      const top = bestPerCard(hits, 3).map((hit) => hit.cardId);
      expect(top).toContain(expected);
    },
  );

  it("filters by year and kind", async () => {
    const hits = await fixture.store.search({
      query: "unge",
      year: 2025,
      kind: "budget_note",
      limit: 10,
    });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect([hit.year, hit.kind]).toEqual([2025, "budget_note"]);
  });

  it("stems Danish and folds æøå in full-text search", async () => {
    const stemmed = await fixture.store.search({
      query: "veteranerne",
      mode: "fulltext",
      limit: 5,
    });
    expect(stemmed.some((hit) => /veteran/i.test(hit.quote))).toBe(true);
    const folded = await fixture.store.search({ query: "okonomi", mode: "fulltext", limit: 5 });
    expect(folded.some((hit) => /økonomi/i.test(hit.text))).toBe(true);
  });
});

describe("queries the embedder cannot represent", () => {
  it.each(["a", "7", "a b", ",5. "])(
    "answers %j without an error (full text alone)",
    async (query) => {
      await expect(fixture.store.search({ query, limit: 3 })).resolves.toBeInstanceOf(Array);
      await expect(fixture.store.search({ query, limit: 3, mode: "vector" })).resolves.toEqual([]);
    },
  );
});
