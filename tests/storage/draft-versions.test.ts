/**
 * Lost writes: concurrent revisions of one draft through the route each get their own version,
 * all readable back; a save of a version already stored is a 409-class conflict, never a 500.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import type { DraftStore } from "../../src/ports/draft-store.ts";
import { ConflictError } from "../../src/errors/errors.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../src/runtime/node/lance-draft-store.ts";
import { createMemoryDraftStore } from "../../src/runtime/workers/memory-draft-store.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let folder: string;
let lance: Awaited<ReturnType<typeof createLanceDraftStore>>;

beforeAll(async () => {
  fixture = await createCorpusStore();
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-versions-"));
  lance = await createLanceDraftStore({ uri: folder });
});
afterAll(async () => {
  lance.close();
  await fixture.dispose();
  await rm(folder, { recursive: true, force: true });
});

async function appWith(drafts: DraftStore) {
  const phrasing = learnDecisionPhrasing(await fixture.store.allDocuments());
  return createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    drafting: {
      drafts,
      assessmentWriter: createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() }),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    log: () => undefined,
  });
}

const post = (app: Awaited<ReturnType<typeof appWith>>, url: string, body: unknown) =>
  app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe.each([
  ["LanceDB", () => lance as DraftStore],
  ["Workers memory", () => createMemoryDraftStore()],
])("draft versions (%s store)", (_name, store) => {
  it("keeps 50 concurrent revisions with 50 distinct versions, each readable", async () => {
    const app = await appWith(store());
    const created = await post(app, "/api/drafts/assessment", {
      initiativeId: "bilag-2026-04",
      decision: "uændret",
      author: "sagsbehandler@kk.dk",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const texts = Array.from(
      { length: 50 },
      (_, index) => `Indsatsen fortsætter uændret. Rettelse nummer ${index + 1}.`,
    );
    const responses = await Promise.all(
      texts.map((text) => post(app, `/api/drafts/${id}/revisions`, { text })),
    );
    expect(responses.map((response) => response.status)).toEqual(texts.map(() => 201));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Array<{
      version: number;
      text: string;
    }>;
    const versions = bodies.map((body) => body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));
    for (const body of bodies) {
      const read = await app.request(`/api/drafts/${id}?version=${body.version}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { draft: { text: string } }).draft.text).toBe(body.text);
    }
    const listed = (await (await app.request(`/api/drafts/${id}`)).json()) as {
      draft: { version: number };
      versions: unknown[];
    };
    expect(listed.versions).toHaveLength(51);
    expect(listed.draft.version).toBe(51);
  });

  it("refuses a second save of a stored version as a conflict", async () => {
    const drafts = store();
    const app = await appWith(drafts);
    const created = await post(app, "/api/drafts/assessment", {
      initiativeId: "bilag-2026-04",
      decision: "uændret",
    });
    const draft = await drafts.get(((await created.json()) as { id: string }).id);
    if (draft === undefined) throw new Error("the draft was not stored");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => drafts.save({ ...draft, version: 2 })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ConflictError);
    expect((await drafts.versions(draft.id)).map((stored) => stored.version)).toEqual([1, 2]);
  });
});
