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

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("corpus routes", () => {
  it("GET /api/health answers 200 with counts", async () => {
    const response = await app.request("/api/health");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      documents: number;
      chunks: number;
      embedder: string;
    };
    expect(body).toMatchObject({ status: "ok", documents: 5, embedder: "built-in:hashing-256" });
    expect(body.chunks).toBeGreaterThan(100);
  });

  it("GET /api/documents lists the five documents with kind, year and hash", async () => {
    const body = (await (await app.request("/api/documents")).json()) as {
      documents: Array<{
        id: string;
        kind: string;
        year: number;
        contentHash: string;
        cardCount: number;
      }>;
    };
    expect(
      body.documents.map((document) => [
        document.id,
        document.kind,
        document.year,
        document.cardCount,
      ]),
    ).toEqual([
      ["bilag-2023", "annex", 2023, 29],
      ["budgetnotat-bi07-2023", "budget_note", 2023, 1],
      ["bilag-2024", "annex", 2024, 9],
      ["budgetnotat-bi26-2025", "budget_note", 2025, 1],
      ["bilag-2026", "annex", 2026, 27],
    ]);
    for (const document of body.documents) expect(document.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("GET /api/cards filters by year, kind and decision", async () => {
    const byYear = (await (await app.request("/api/cards?year=2026")).json()) as {
      cards: Array<{ number: number; year: number }>;
    };
    expect(byYear.cards).toHaveLength(27);
    expect(byYear.cards.map((card) => card.number)).toEqual(
      Array.from({ length: 27 }, (_, index) => index + 1),
    );
    const notes = (await (await app.request("/api/cards?kind=budget_note")).json()) as {
      cards: Array<{ id: string }>;
    };
    expect(notes.cards.map((card) => card.id).sort()).toEqual(["bi07-2023", "bi26-2025"]);
    const stopped = (await (await app.request("/api/cards?decision=ophører&year=2026")).json()) as {
      cards: Array<{ decision: string }>;
    };
    expect(stopped.cards.length).toBeGreaterThan(0);
    for (const card of stopped.cards) expect(card.decision).toBe("ophører");
  });

  it("GET /api/cards?q= orders cards by relevance", async () => {
    const body = (await (
      await app.request(`/api/cards?q=${encodeURIComponent("ekstremisme radikalisering")}`)
    ).json()) as { cards: Array<{ title: string; score: number }> };
    expect(body.cards[0]?.title).toMatch(/ekstremisme/i);
    expect(body.cards[0]?.score).toBeGreaterThan(0);
  });

  it("GET /api/cards/:id returns sections, figures with raw spans, flags and tables", async () => {
    const body = (await (await app.request("/api/cards/bi26-2025")).json()) as {
      card: {
        sections: Array<{ kind: string; span: { start: number } }>;
        figures: Array<{ kind: string; span: { start: number; end: number }; text: string }>;
      };
      tables: Array<{ kind: string; rows: unknown[] }>;
    };
    expect(body.card.sections.map((section) => section.kind)).toContain("economy");
    expect(body.tables.some((table) => table.kind === "economy" && table.rows.length > 0)).toBe(
      true,
    );
    expect(body.card.figures.some((figure) => figure.kind === "money")).toBe(true);
  });

  it("GET /api/cards/:id answers 404 with a clear message for an unknown card", async () => {
    const response = await app.request("/api/cards/bilag-1999-01");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: "card_not_found", message: expect.stringContaining("bilag-1999-01") },
    });
  });

  it("GET /api/cards rejects a year that is not a year", async () => {
    const response = await app.request("/api/cards?year=tjugo");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_request", message: expect.stringContaining("year") },
    });
  });

  it("POST /api/search returns the best passage per card with quote, span and score", async () => {
    const response = await app.request(
      "/api/search",
      json({ query: "veteraner førtidspension Jobbanken", year: 2024, limit: 3 }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: Array<{
        cardId: string;
        title: string;
        year: number;
        section: string;
        quote: string;
        score: number;
        start: number;
        end: number;
      }>;
    };
    expect(body.results[0]).toMatchObject({
      year: 2024,
      title: expect.stringMatching(/Jobbanken/),
    });
    expect(new Set(body.results.map((result) => result.cardId)).size).toBe(body.results.length);
    for (const result of body.results) {
      expect(result.year).toBe(2024);
      expect(result.end).toBeGreaterThan(result.start);
    }
  });

  it("POST /api/search answers 400 naming the field for a bad body", async () => {
    const empty = await app.request("/api/search", json({ query: "" }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      error: { code: "invalid_request", message: expect.stringContaining("query") },
    });
    const kind = await app.request("/api/search", json({ query: "x", kind: "roman" }));
    expect(kind.status).toBe(400);
    const broken = await app.request("/api/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
  });

  it("serves an OpenAPI document and a docs page", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/documents",
        "/api/cards",
        "/api/cards/{id}",
        "/api/search",
      ]),
    );
    const page = await app.request("/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("openapi.json");
  });

  it("answers unknown routes with the JSON error envelope", async () => {
    const response = await app.request("/api/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
