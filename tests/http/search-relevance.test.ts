/** POST /api/search: the relevance cut (no unrelated cards padded in) and exact names first. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/create-app.ts";
import { createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  fixture = await createCorpusStore();
  app = createApp({ store: fixture.store, embedder: fixture.embedder, log: () => undefined });
});
afterAll(async () => fixture.dispose());

const search = async (body: Record<string, unknown>) => {
  const response = await app.request("/api/search", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Array<{ cardId: string }> }).results.map(
    (result) => result.cardId,
  );
};

describe("search relevance", () => {
  it("returns only the cards that share the query's words; cut: false gives the padded list", async () => {
    expect((await search({ query: "TechBBQ" })).sort()).toEqual(["bilag-2023-10", "bilag-2024-06"]);
    expect((await search({ query: "TechBBQ", cut: false })).length).toBe(10);
    expect(await search({ query: "metro" })).toEqual([]);
  });

  it("puts the card whose whole title the query names first", async () => {
    const ids = await search({ query: "opkvalificering målrettet grøn omstilling", year: 2026 });
    expect(ids[0]).toBe("bilag-2026-10");
  });

  it("keeps English queries without question words (glossary)", async () => {
    expect(
      await search({ query: "veterans granted early retirement pension Jobbanken" }),
    ).toContain("bilag-2024-02");
  });
});
