import { describe, expect, it } from "vitest";
import { corpusVersionKey, perCorpusVersion } from "../../src/answers/corpus-cache.ts";
import { listInitiatives } from "../../src/answers/timeline.ts";
import type { CardSummary, CorpusStore, DocumentSummary } from "../../src/ports/corpus-store.ts";

type Version = Pick<DocumentSummary, "id" | "contentHash" | "embedder" | "ingestedAt">;

/** A store that only lists documents: the cache reads nothing else. */
function storeWith(documents: () => Version[]): CorpusStore {
  return { listDocuments: async () => documents() as DocumentSummary[] } as unknown as CorpusStore;
}

const doc = (id: string, contentHash = "h1", ingestedAt = "2027-01-01T00:00:00Z"): Version => ({
  id,
  contentHash,
  embedder: "hashing-256",
  ingestedAt,
});

describe("perCorpusVersion", () => {
  it("computes once per corpus version and again when a document is added, replaced or re-ingested", async () => {
    let documents = [doc("a")];
    const store = storeWith(() => documents);
    let computed = 0;
    const value = () => perCorpusVersion(store, "test", async () => ++computed);
    expect(await value()).toBe(1);
    expect(await value()).toBe(1);
    documents = [doc("a"), doc("b")];
    expect(await value()).toBe(2);
    documents = [doc("a", "h2"), doc("b")];
    expect(await value()).toBe(3);
    documents = [doc("a", "h2", "2027-02-01T00:00:00Z"), doc("b")];
    expect(await value()).toBe(4);
    expect(await value()).toBe(4);
  });

  it("shares one computation between concurrent callers and keeps no failure", async () => {
    const store = storeWith(() => [doc("a")]);
    let computed = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => perCorpusVersion(store, "shared", async () => ++computed)),
    );
    expect(results).toEqual([1, 1, 1, 1, 1]);
    await expect(
      perCorpusVersion(store, "failing", async () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect(await perCorpusVersion(store, "failing", async () => "ok")).toBe("ok");
  });

  it("keeps one version per store, so stores do not share values", async () => {
    const left = storeWith(() => [doc("a")]);
    const right = storeWith(() => [doc("a")]);
    expect(await perCorpusVersion(left, "name", async () => "left")).toBe("left");
    expect(await perCorpusVersion(right, "name", async () => "right")).toBe("right");
    expect(corpusVersionKey([doc("a"), doc("b")])).not.toBe(corpusVersionKey([doc("a")]));
  });
});

describe("listInitiatives", () => {
  it("matches initiatives once per corpus version and gives each caller its own copy", async () => {
    let listed = 0;
    const card = (id: string, documentId: string, year: number, title: string) =>
      ({ id, documentId, year, title }) as CardSummary;
    const store = {
      listDocuments: async () => [doc("bilag-2023"), doc("bilag-2024")],
      allDocuments: async () => [],
      listCards: async () => {
        listed += 1;
        return [
          card("bilag-2023-10", "bilag-2023", 2023, "Støtte til TechBBQ's iværksætterprogram"),
          card("bilag-2024-07", "bilag-2024", 2024, "Støtte til TechBBQ"),
        ];
      },
    } as unknown as CorpusStore;
    const first = await listInitiatives(store);
    expect(first.flatMap((initiative) => initiative.cards).sort()).toEqual([
      "bilag-2023-10",
      "bilag-2024-07",
    ]);
    first[0]?.cards.push("changed by a caller");
    const second = await listInitiatives(store);
    expect(second).not.toEqual(first);
    expect(second.flatMap((initiative) => initiative.cards)).not.toContain("changed by a caller");
    expect(listed).toBe(1);
  });
});
