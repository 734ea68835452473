import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../src/runtime/node/lance-draft-store.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let draftsFolder: string;
let drafts: Awaited<ReturnType<typeof createLanceDraftStore>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fixture = await createCorpusStore();
  draftsFolder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-drafts-"));
  drafts = await createLanceDraftStore({ uri: draftsFolder });
  const phrasing = learnDecisionPhrasing(await fixture.store.allDocuments());
  app = createApp({
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
});
afterAll(async () => {
  drafts.close();
  await fixture.dispose();
  await rm(draftsFolder, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

type DraftBody = {
  id: string;
  version: number;
  status: string;
  text: string;
  model: string;
  prompt: { id: string; version: string };
  sources: unknown[];
  validation: { ok: boolean; issues: Array<{ code: string; start: number; end: number }> };
};

describe("draft routes", () => {
  it("drafts, keeps, revises and exports an annex card", async () => {
    const created = await post("/api/drafts/assessment", {
      initiativeId: "bilag-2026-04",
      decision: "uændret",
      notes: ["Indsatsen fortsætter med fokus på forebyggelse i skolerne."],
      author: "sagsbehandler@kk.dk",
    });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as DraftBody;
    expect(draft).toMatchObject({
      version: 1,
      status: "clean",
      model: "offline",
      prompt: { id: "offline-assessment" },
    });
    expect(draft.text).toContain("5,7 mio. kr. årligt (2027 p/l)");
    expect(draft.text).toContain("forebyggelse i skolerne");

    const listed = (await (await app.request("/api/drafts")).json()) as {
      drafts: Array<{ id: string }>;
    };
    expect(listed.drafts.map((entry) => entry.id)).toContain(draft.id);

    const edited = draft.text.replace("5,7 mio. kr.", "6,2 mio. kr.");
    const revised = await post(`/api/drafts/${draft.id}/revisions`, { text: edited });
    expect(revised.status).toBe(201);
    const second = (await revised.json()) as DraftBody;
    expect(second).toMatchObject({ id: draft.id, version: 2, status: "flagged", model: "manual" });
    const issue = second.validation.issues.find(
      (candidate) => candidate.code === "amount_mismatch",
    );
    expect(edited.slice(issue?.start, issue?.end)).toContain("6,2 mio. kr.");

    const fetched = (await (await app.request(`/api/drafts/${draft.id}`)).json()) as {
      draft: DraftBody;
      versions: Array<{ version: number; status: string }>;
    };
    expect(fetched.draft.version).toBe(2);
    expect(fetched.versions.map((version) => [version.version, version.status])).toEqual([
      [1, "clean"],
      [2, "flagged"],
    ]);
    const first = (await (await app.request(`/api/drafts/${draft.id}?version=1`)).json()) as {
      draft: DraftBody;
    };
    expect(first.draft.status).toBe("clean");

    const markdown = await app.request(`/api/drafts/${draft.id}/export?format=md`);
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    const text = await markdown.text();
    expect(text).toContain("Faglig vurdering af videreførelse");
    expect(text).toMatch(/6,2 mio\. kr\./);
    const word = await app.request(`/api/drafts/${draft.id}/export?format=docx&version=1`);
    expect(word.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const bytes = new Uint8Array(await word.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it("drafts again with new notes as a new version", async () => {
    const draft = (await (
      await post("/api/drafts/assessment", { initiativeId: "bilag-2026-14", decision: "uændret" })
    ).json()) as DraftBody;
    const revised = (await (
      await post(`/api/drafts/${draft.id}/revisions`, { notes: ["Samarbejdet med SOF styrkes."] })
    ).json()) as DraftBody;
    expect(revised.version).toBe(2);
    expect(revised.text).toContain("at samarbejdet med SOF styrkes.");
    expect(revised.status).toBe("clean");
  });

  it("drafts a budget note with tables from data", async () => {
    const response = await post("/api/drafts/budget-note", {
      title: "Styrket indsats for unge ledige",
      code: "BI12",
      purpose: ["Flere unge skal i job eller uddannelse."],
      priceLevel: 2027,
      committee: "BIU",
      appropriation: "35.10",
      lines: [
        {
          label: "Jobrådgivere",
          area: "service",
          recipient: "BIF",
          amounts: { "2027": 2_000_000, "2028": 2_000_000 },
        },
      ],
    });
    expect(response.status).toBe(201);
    const draft = (await response.json()) as DraftBody;
    expect(draft.status).toBe("clean");
    expect(draft.text).toContain("[4,0] mio. kr.");
  });

  it("answers 404 for an unknown initiative or draft and 400 for bad requests", async () => {
    expect(
      (await post("/api/drafts/assessment", { initiativeId: "bilag-1999-01", decision: "uændret" }))
        .status,
    ).toBe(404);
    expect((await app.request("/api/drafts/nope")).status).toBe(404);
    const noDecision = await post("/api/drafts/assessment", { initiativeId: "bilag-2026-04" });
    expect(noDecision.status).toBe(400);
    const hugeNote = await post("/api/drafts/assessment", {
      initiativeId: "bilag-2026-04",
      decision: "uændret",
      notes: ["x".repeat(100_000)],
    });
    expect(hugeNote.status).toBe(400);
    expect(await hugeNote.json()).toMatchObject({
      error: { message: expect.stringContaining("notes") },
    });
    const emptyRevision = await post("/api/drafts/nope/revisions", {});
    expect(emptyRevision.status).toBe(400);
  });
});

describe("a revision made from an older version", () => {
  it("answers 409 draft_version_stale when baseVersion is no longer the latest, and stores nothing", async () => {
    const created = await post("/api/drafts/assessment", {
      initiativeId: "bilag-2026-04",
      decision: "uændret",
      notes: ["Indsatsen fortsætter."],
    });
    const draft = (await created.json()) as DraftBody;
    const first = await post(`/api/drafts/${draft.id}/revisions`, {
      text: `${draft.text}\nFørste rettelse.`,
      baseVersion: 1,
    });
    expect(first.status).toBe(201);
    const stale = await post(`/api/drafts/${draft.id}/revisions`, {
      text: `${draft.text}\nAnden rettelse, lavet på version 1.`,
      baseVersion: 1,
    });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("draft_version_stale");
    expect(body.error.message).toContain("latest is version 2");
    // Two revisions from the same base at once: one is stored, the other refused.
    const racing = await Promise.all(
      ["A", "B"].map((mark) =>
        post(`/api/drafts/${draft.id}/revisions`, {
          text: `${draft.text}\n${mark}`,
          baseVersion: 2,
        }),
      ),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409]);
    const versions = await drafts.versions(draft.id);
    expect(versions.map((version) => version.version)).toEqual([1, 2, 3]);
  });
});
