/**
 * The Word export read back by a real reader: LibreOffice converts the .docx to PDF, unpdf reads
 * the PDF's text. The card's number, the letterhead, both halves and every money figure must be
 * there; an edited draft keeps its headings as Word heading styles.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import type { Draft } from "../../src/domain/index.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createMemoryDraftStore } from "../../src/runtime/workers/memory-draft-store.ts";
import { extractFigures } from "../../src/money/index.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

const run = promisify(execFile);
let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let app: ReturnType<typeof createApp>;
let folder: string;

beforeAll(async () => {
  fixture = await createCorpusStore();
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-docx-"));
  app = createApp({
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    drafting: {
      drafts: createMemoryDraftStore(),
      assessmentWriter: createOfflineWriter(
        learnDecisionPhrasing(await fixture.store.allDocuments()),
        { lexicon: await loadDanishLexicon() },
      ),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    log: () => undefined,
  });
});
afterAll(async () => {
  await fixture.dispose();
  await rm(folder, { recursive: true, force: true });
});

const post = async (url: string, body: unknown) =>
  (await (
    await app.request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  ).json()) as Draft;

/** The .docx of a draft version as LibreOffice prints it, white space collapsed. */
async function pdfText(draft: Draft, name: string): Promise<string> {
  const response = await app.request(
    `/api/drafts/${draft.id}/export?format=docx&version=${draft.version}`,
  );
  expect(response.status).toBe(200);
  const file = path.join(folder, `${name}.docx`);
  await writeFile(file, new Uint8Array(await response.arrayBuffer()));
  await run("soffice", ["--headless", "--convert-to", "pdf", "--outdir", folder, file], {
    timeout: 120_000,
    env: { ...process.env, HOME: folder },
  });
  const pdf = await readFile(path.join(folder, `${name}.pdf`));
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/gu, " ");
}

describe("the Word card read back through LibreOffice", () => {
  it("has the letterhead, the number, both halves, Økonomi/ressourcer in each and every figure; an edit keeps it", async () => {
    const draft = await post("/api/drafts/assessment", {
      card: { year: 2026, number: 4 },
      decision: "uændret",
      notes: ["Handleplanen opdateres i 2027"],
    });
    const text = await pdfText(draft, "kort-4");
    for (const words of [
      "Københavns Kommune",
      "Beskæftigelses- og Integrationsforvaltningen",
      "Nr. 4",
      draft.title,
      "Beskrivelse af udløb",
      "Faglig vurdering af videreførelse",
      "Indhold i justeret indsats",
    ])
      expect(text).toContain(words);
    expect(text.match(/Økonomi\/ressourcer/gu)?.length).toBeGreaterThanOrEqual(2);
    const money = extractFigures(draft.text).filter((figure) => figure.kind === "money");
    expect(money.length).toBeGreaterThan(0);
    for (const figure of money) expect(text).toContain(figure.text.replace(/\s+/gu, " "));
    /* The expiring half's own money (the card's "Med budget 2023 …"). */
    const card = await fixture.store.getCard(String(draft.input.cardId));
    const expiring = card?.card.sections.find((section) => section.kind === "expiring_money");
    for (const figure of extractFigures(expiring?.text ?? "").filter((f) => f.kind === "money"))
      expect(text).toContain(figure.text.replace(/\s+/gu, " "));

    const edited = await post(`/api/drafts/${draft.id}/revisions`, {
      text: draft.text.replace("at handleplanen", "at den nye handleplan"),
    });
    expect(edited.sections.map((section) => section.key)).toEqual([
      "indholdIJusteretIndsats",
      "økonomiRessourcer",
    ]);
    expect(edited.text).toContain("at den nye handleplan");
    const after = await pdfText(edited, "kort-4-v2");
    expect(after).toContain("Indhold i justeret indsats");
    expect(after).toContain("Faglig vurdering af videreførelse");
  }, 240_000);
});
