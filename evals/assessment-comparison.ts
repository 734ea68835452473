/**
 * Drafted assessments against the department's own text. For every 2026 card with a real "Faglig
 * vurdering", the writer gets the card's first half only (the assessment half is taken away), the
 * earlier years from the corpus, and notes taken from the real assessment's reasons (its sentences
 * after the opening, without money). The draft is compared with the real text:
 *
 * - factsCovered: share of the real text's facts found in the draft: its numbers (not money) and
 *   its named actions and conditions (stemmed content words of 7+ letters);
 * - unsourced: sentences of the draft without a source (must be 0 for the offline writer);
 * - lengthRatio: the draft's prose length / the real assessment's length;
 * - suspect: words the lexicon does not know even as a compound (must be 0).
 *
 * The cards are split dev/test by the sha256 of their id (even first byte: test), before any
 * tuning; the test set's hash (sha256 of its canonical JSON, the sorted card ids) is recorded.
 * The split was made after the writer was built: the drafts of the cards in SEEN_WHILE_TUNING
 * were looked at while building it, and two of them fall in the test set, so the test figures are
 * upper bounds; the report says so.
 */
import { createHash } from "node:crypto";
import type { CorpusStore } from "../src/ports/corpus-store.ts";
import type { DanishLexicon } from "../src/corpus/danish-lexicon.ts";
import type { Card, Draft, DraftDecision } from "../src/domain/index.ts";
import { DRAFT_DECISIONS } from "../src/domain/index.ts";
import { draftAssessment } from "../src/drafting/draft-assessment.ts";
import type { AssessmentWriter } from "../src/drafting/ports.ts";
import { suspectWords } from "../src/drafting/sentence-sources.ts";
import { extractFigures, splitSentences } from "../src/money/index.ts";
import { tokenizeDanish } from "../src/retrieval/danish-text.ts";
import type { AllocationSource } from "../src/ports/allocation-store.ts";

/** Cards whose drafts were looked at while building the writer (the and a few more). */
export const SEEN_WHILE_TUNING = [
  "bilag-2026-04",
  "bilag-2026-05",
  "bilag-2026-07",
  "bilag-2026-09",
  "bilag-2026-12",
  "bilag-2026-15",
];

export type ComparisonCase = {
  cardId: string;
  split: "dev" | "test";
  decision: DraftDecision;
  factsCovered: number;
  facts: number;
  unsourced: number;
  sentences: number;
  lengthRatio: number;
  suspect: number;
  status: Draft["status"];
};

export function splitOf(cardId: string): "dev" | "test" {
  const first = createHash("sha256").update(cardId).digest()[0] ?? 0;
  return first % 2 === 0 ? "test" : "dev";
}

export function testSetHash(cardIds: readonly string[]): string {
  return createHash("sha256")
    .update(JSON.stringify([...cardIds].sort()))
    .digest("hex");
}

const flat = (text: string) => text.replace(/\s+/gu, " ").trim();

/** The real text's facts: numbers that are not money, and content stems of 7+ letters. */
export function factsOf(text: string): Set<string> {
  const facts = new Set<string>();
  for (const figure of extractFigures(text))
    if (figure.kind !== "money") facts.add(`#${figure.text.replace(/\s+/gu, "")}`);
  for (const token of tokenizeDanish(text))
    if (token.length >= 7 && !/^\d+$/u.test(token)) facts.add(token);
  return facts;
}

function isAssessmentHalf(section: Card["sections"][number]): boolean {
  return (
    section.half === "vurdering" ||
    section.kind === "assessment" ||
    section.kind === "proposed_money"
  );
}

/** Notes from the real assessment's reasons: its sentences after the opening, without money (at most 3). */
export function notesFromAssessment(text: string): string[] {
  return splitSentences(text)
    .map(({ start, end }) => flat(text.slice(start, end)))
    .slice(1)
    .filter(
      (sentence) =>
        sentence.length >= 25 &&
        !extractFigures(sentence).some((figure) => figure.kind === "money"),
    )
    .slice(0, 3);
}

/** The corpus with the 2026 cards' assessment half taken away. */
function withoutAssessments(store: CorpusStore): CorpusStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "getCard")
        return async (id: string) => {
          const stored = await target.getCard(id);
          if (stored === undefined || stored.document.year !== 2026) return stored;
          return {
            ...stored,
            card: {
              ...stored.card,
              sections: stored.card.sections.filter((section) => !isAssessmentHalf(section)),
            },
          };
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export async function compareWithDepartment(options: {
  store: CorpusStore;
  allocations: AllocationSource;
  writer: AssessmentWriter;
  lexicon: DanishLexicon;
}): Promise<ComparisonCase[]> {
  const store = withoutAssessments(options.store);
  const cases: ComparisonCase[] = [];
  for (const summary of await options.store.listCards({ year: 2026, kind: "annex" })) {
    const stored = await options.store.getCard(summary.id);
    const real = stored?.card.sections.find((section) => section.kind === "assessment");
    const decision = DRAFT_DECISIONS.find((known) => known === stored?.card.decision);
    if (stored === undefined || real === undefined || decision === undefined) continue;
    const notes = notesFromAssessment(real.text);
    const draft = await draftAssessment(
      { initiativeId: summary.id, decision, ...(notes.length === 0 ? {} : { notes }) },
      { store, allocations: options.allocations, writer: options.writer },
    );
    const prose = draft.sections.find((section) => section.key === "indholdIJusteretIndsats");
    const facts = factsOf(real.text);
    const drafted = factsOf(draft.text);
    const covered = [...facts].filter((fact) => drafted.has(fact)).length;
    const sentences = prose?.sentences ?? [];
    cases.push({
      cardId: summary.id,
      split: splitOf(summary.id),
      decision,
      facts: facts.size,
      factsCovered: facts.size === 0 ? 1 : covered / facts.size,
      unsourced: sentences.filter((sentence) => sentence.sources.length === 0).length,
      sentences: sentences.length,
      lengthRatio: (prose?.text.length ?? 0) / Math.max(1, flat(real.text).length),
      suspect: suspectWords(prose?.text ?? "", options.lexicon).length,
      status: draft.status,
    });
  }
  return cases;
}

/** Mean of a field over cases. */
export function meanOf(cases: readonly ComparisonCase[], field: keyof ComparisonCase): number {
  if (cases.length === 0) return 0;
  return cases.reduce((sum, item) => sum + Number(item[field]), 0) / cases.length;
}

export function sumOf(cases: readonly ComparisonCase[], field: keyof ComparisonCase): number {
  return cases.reduce((sum, item) => sum + Number(item[field]), 0);
}
