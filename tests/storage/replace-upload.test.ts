/**
 * Silent replace: an upload whose id matches a stored document (its kind and year) is a 409 unless
 * ?replace=true, and a replace that removes cards drafts were written from asks for ?confirm=true,
 * names those drafts, and keeps them readable.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createMemoryAllocationStore } from "../../src/import/allocation-store.ts";
import { readAllocationFiles } from "../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../src/runtime/node/lance-draft-store.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let folder: string;
let drafts: Awaited<ReturnType<typeof createLanceDraftStore>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fixture = await createCorpusStore();
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-replace-"));
  drafts = await createLanceDraftStore({ uri: folder });
  const allocations = createMemoryAllocationStore(
    await readAllocationFiles(path.join(CORPUS_DIR, "allocations")),
  );
  app = createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations,
    drafting: {
      drafts,
      assessmentWriter: createOfflineWriter(
        learnDecisionPhrasing(await fixture.store.allDocuments()),
        { lexicon: await loadDanishLexicon() },
      ),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    importing: { allocations },
    log: () => undefined,
  });
});
afterAll(async () => {
  drafts.close();
  await fixture.dispose();
  await rm(folder, { recursive: true, force: true });
});

const cardsOf = async (id: string) =>
  (await fixture.store.listDocuments()).find((document) => document.id === id)?.cardCount;

describe("uploading a document that is already stored", () => {
  it("answers 409 without ?replace=true, names the drafts whose cards vanish, and replaces only when confirmed", async () => {
    const stored = (await fixture.store.allDocuments()).find(
      (document) => document.document.id === "bilag-2026",
    );
    const source = await fixture.store.sourceText("bilag-2026");
    if (stored === undefined || source === undefined) throw new Error("no bundled 2026 annex");
    const before = stored.cards.length;
    expect(before).toBeGreaterThan(2);
    // The same annex cut after its first card: a one-card document for the same year.
    const second = stored.cards[1];
    if (second === undefined) throw new Error("the annex has one card");
    const oneCard = new TextEncoder().encode(source.slice(0, second.span.start));
    const vanishing = stored.cards.at(-1)?.id ?? "";
    const created = await app.request("/api/drafts/assessment", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ initiativeId: vanishing, decision: "uændret" }),
    });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as { id: string; title: string };

    const upload = (query: string) =>
      app.request(`/api/documents?name=bilag.txt&year=2026${query}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: oneCard,
      });

    const refused = await upload("");
    expect(refused.status).toBe(409);
    const refusedBody = (await refused.json()) as {
      error: { code: string; message: string; details: { vanishedCards: string[] } };
    };
    expect(refusedBody.error.code).toBe("document_exists");
    expect(refusedBody.error.message).toContain("?replace=true");
    expect(refusedBody.error.details.vanishedCards).toContain(vanishing);
    expect(await cardsOf("bilag-2026")).toBe(before);

    const unconfirmed = await upload("&replace=true");
    expect(unconfirmed.status).toBe(409);
    const unconfirmedBody = (await unconfirmed.json()) as {
      error: { code: string; details: { drafts: Array<{ id: string; cardIds: string[] }> } };
    };
    expect(unconfirmedBody.error.code).toBe("replace_drops_cards");
    expect(unconfirmedBody.error.details.drafts).toContainEqual(
      expect.objectContaining({ id: draft.id, cardIds: expect.arrayContaining([vanishing]) }),
    );
    expect(await cardsOf("bilag-2026")).toBe(before);

    const streamed = await upload("&stream=1");
    expect(await streamed.text()).toContain('"document_exists"');
    expect(await cardsOf("bilag-2026")).toBe(before);

    const confirmed = await upload("&replace=true&confirm=true");
    expect(confirmed.status).toBe(200);
    const confirmedBody = (await confirmed.json()) as {
      summary: { files: Array<{ status: string }> };
      replaced: { vanishedCards: string[]; drafts: Array<{ id: string }> };
    };
    expect(confirmedBody.summary.files[0]?.status).toBe("replaced");
    expect(confirmedBody.replaced.drafts.map((listed) => listed.id)).toContain(draft.id);
    expect(await cardsOf("bilag-2026")).toBe(1);
    // The draft is kept whole; only its card is gone.
    expect((await app.request(`/api/drafts/${draft.id}`)).status).toBe(200);
    expect((await app.request(`/api/cards/${vanishing}`)).status).toBe(404);

    // The same file again changes nothing and needs no flag.
    const again = await upload("");
    expect(again.status).toBe(200);
  });
});
