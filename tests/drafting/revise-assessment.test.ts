import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { DRAFT_DECISIONS, type Draft } from "../../src/domain/index.ts";
import { MISSING_DATA_SENTENCE } from "../../src/drafting/assessment-pipeline.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { draftAssessment, type DraftAssessmentDeps } from "../../src/drafting/draft-assessment.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import {
  type RevisionOperation,
  reviseAssessmentStructure,
  revisionContext,
} from "../../src/drafting/revise-assessment.ts";
import { InputError } from "../../src/errors/errors.ts";
import { readAllocationFiles } from "../../src/runtime/node/allocation-files.ts";
import { createMemoryAllocationSource } from "../../src/validation/allocation-source.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

const NOW = new Date("2026-03-01T09:00:00Z");
let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let deps: DraftAssessmentDeps;

beforeAll(async () => {
  fixture = await createCorpusStore();
  const lexicon = await loadDanishLexicon();
  deps = {
    store: fixture.store,
    allocations: createMemoryAllocationSource(
      await readAllocationFiles(path.join(CORPUS_DIR, "allocations")),
    ),
    writer: createOfflineWriter(learnDecisionPhrasing(await fixture.store.allDocuments()), {
      lexicon,
    }),
    now: () => NOW,
    newId: () => "udkast-1",
  };
});
afterAll(async () => fixture.dispose());

const prose = (draft: Draft) =>
  draft.sections.find((section) => section.key === "indholdIJusteretIndsats");
const economy = (draft: Draft) =>
  draft.sections.find((section) => section.key === "økonomiRessourcer");

async function revise(draft: Draft, operation: RevisionOperation): Promise<Draft> {
  return reviseAssessmentStructure(
    await revisionContext(draft, fixture.store),
    operation,
    "test",
    NOW,
  );
}

describe("the offline writer on every 2026 card", () => {
  it("writes prose in which every sentence has a source and no sentence has a suspect word", async () => {
    const cards = await fixture.store.listCards({ year: 2026, kind: "annex" });
    expect(cards.length).toBeGreaterThan(10);
    const unsourced: string[] = [];
    for (const card of cards)
      for (const decision of DRAFT_DECISIONS) {
        const draft = await draftAssessment(
          { initiativeId: card.id, decision, notes: ["Indsatsen har nået sine mål"] },
          deps,
        );
        const section = prose(draft);
        expect(section?.text).not.toMatch(/^\d+\.\s/mu);
        for (const sentence of section?.sentences ?? []) {
          expect(sentence.suspect ?? []).toEqual([]);
          if (sentence.sources.length === 0)
            unsourced.push(
              `${card.id} ${decision}: ${section?.text.slice(sentence.start, sentence.end)}`,
            );
        }
      }
    expect(unsourced).toEqual([]);
  });
});

describe("missing allocation data", () => {
  it("flags a card that proposes money without allocation data, never 'ingen midler'", async () => {
    const draft = await draftAssessment(
      { card: { year: 2026, number: 15 }, decision: "uændret" },
      deps,
    );
    expect(economy(draft)?.text).toBe(MISSING_DATA_SENTENCE);
    expect(draft.text).not.toContain("Der foreslås ingen midler");
    expect(draft.status).toBe("flagged");
    const issue = draft.validation.issues.find(
      (candidate) => candidate.code === "missing_allocation",
    );
    expect(issue?.message).toMatch(/^Mangler bevillingsdata: kortet foreslår 0,6 mio\. kr\./u);
    expect(issue?.start).toBe(economy(draft)?.start);
  });
});

describe("revisions as operations on the structure", () => {
  it("shorter drops the least informative sentences, never the decision or the economy; a point added later does not bring them back", async () => {
    const first = await draftAssessment(
      { card: { year: 2026, number: 7 }, decision: "med_justeringer" },
      deps,
    );
    const shorter = await revise(first, { op: "shorter" });
    expect(shorter.version).toBe(2);
    expect(prose(shorter)?.text.length).toBeLessThan(prose(first)?.text.length ?? 0);
    expect(prose(shorter)?.text.startsWith(prose(first)?.text.split(".")[0] ?? "-")).toBe(true);
    expect(economy(shorter)?.text).toBe(economy(first)?.text);
    expect(shorter.status).toBe("clean");
    const added = await revise(shorter, { op: "add_point", point: "indsatsen evalueres i 2028" });
    expect(added.version).toBe(3);
    expect(added.text).toContain("at indsatsen evalueres i 2028.");
    expect(prose(added)?.text.length).toBeLessThan(prose(first)?.text.length ?? 0);
    expect(added.input.notes).toEqual(["indsatsen evalueres i 2028"]);
    const removed = await revise(added, { op: "remove_point", point: "evalueres i 2028" });
    expect(removed.text).not.toContain("2028.");
    expect(removed.input.notes).toBeUndefined();
  });

  it("refuses to remove the economy or the decision, and to shorten what is only the decision", async () => {
    const draft = await draftAssessment(
      { initiativeId: "bilag-2026-04", decision: "uændret" },
      deps,
    );
    await expect(revise(draft, { op: "remove_point", point: "økonomien" })).rejects.toMatchObject({
      code: "economy_required",
    });
    await expect(
      revise(draft, { op: "remove_point", point: "Forvaltningens faglige vurdering" }),
    ).rejects.toBeInstanceOf(InputError);
    let current = draft;
    for (let step = 0; step < 8; step += 1) {
      try {
        current = await revise(current, { op: "shorter" });
      } catch (error) {
        expect(error).toMatchObject({ code: "nothing_to_shorten" });
        break;
      }
    }
    expect(prose(current)?.text).toMatch(/^Forvaltningens faglige vurdering er, at indsatsen/u);
    expect(economy(current)?.text).toBe(economy(draft)?.text);
  });

  it("longer adds the card's own sentences; plainer and formal swap the register's words", async () => {
    const draft = await draftAssessment(
      { initiativeId: "bilag-2026-04", decision: "uændret", notes: ["forældrene inddrages"] },
      deps,
    );
    const longer = await revise(draft, { op: "longer" });
    expect(prose(longer)?.text.length).toBeGreaterThan(prose(draft)?.text.length ?? 0);
    expect(prose(longer)?.sentences?.every((sentence) => sentence.sources.length > 0)).toBe(true);
    const plainer = await revise(draft, { op: "plainer" });
    expect(plainer.text).toContain("Forvaltningen vægter, at forældrene inddrages.");
    const formal = await revise(plainer, { op: "formal" });
    expect(formal.text).toContain("Forvaltningen lægger vægt på, at forældrene inddrages.");
  });
});
