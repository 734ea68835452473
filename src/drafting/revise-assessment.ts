/**
 * Revisions of an assessment as operations on its structure: the prose is a list of sentences
 * with their sources, the economy is rendered from data and never touched. Shorter drops the least
 * informative sentences (never the decision, never the economy); longer adds the card's own
 * sentences the draft does not use yet; a point is added (woven into a sentence) or removed;
 * plainer / more formal swap the register's words. Every result goes through the one assessment
 * pipeline and becomes a new version; a change of decision drafts the text again.
 */
import type { CorpusStore } from "../ports/corpus-store.ts";
import { getLoadedDanishLexicon } from "../corpus/danish-lexicon.ts";
import type { Draft, DraftSection, SentenceSource } from "../domain/index.ts";
import { DraftDecisionSchema } from "../domain/index.ts";
import { InputError } from "../errors/errors.ts";
import { tokenizeDanish } from "../retrieval/danish-text.ts";
import {
  type AssessmentFrame,
  type CardProposal,
  checkAssessment,
  ECONOMY_KEY,
  PROSE_KEY,
} from "./assessment-pipeline.ts";
import { decisionWords } from "./draft-assessment.ts";
import {
  ADJUSTING,
  ADJUSTMENT_LEADS,
  CONDITION_LEADS,
  REASON_LEADS,
  reusableSentences,
  weave,
} from "./offline-writer.ts";
import { selectExamples } from "./select-examples.ts";
import { type Evidence, evidenceOf, sourceSentences } from "./sentence-sources.ts";

export const REVISION_OPERATIONS = [
  "shorter",
  "longer",
  "add_point",
  "remove_point",
  "plainer",
  "formal",
] as const;
export type RevisionOperationName = (typeof REVISION_OPERATIONS)[number];

export type RevisionOperation =
  | { op: "shorter" }
  | { op: "longer" }
  | { op: "add_point"; point: string }
  | { op: "remove_point"; point: string }
  | { op: "plainer" }
  | { op: "formal" };

/** Most sentences "longer" adds at a time. */
const LONGER_SENTENCES = 2;
/** "shorter" keeps at most this share of the prose's characters (at least one sentence goes). */
const SHORTER_SHARE = 0.7;

/** Plain words for the register's formal ones; "formal" reads the table the other way. */
const PLAIN_WORDS: ReadonlyArray<readonly [string, string]> = [
  ["såfremt", "hvis"],
  ["endvidere", "desuden"],
  ["med henblik på at", "for at"],
  ["med henblik på", "for"],
  ["i forhold til", "om"],
  ["iværksættes", "sættes i gang"],
  ["iværksætte", "sætte i gang"],
  ["foranstaltninger", "tiltag"],
  ["Hertil kommer, at", "Desuden gælder, at"],
  ["Forvaltningen lægger vægt på, at", "Forvaltningen vægter, at"],
  ["Som justering foreslår forvaltningen, at", "Forvaltningen foreslår, at"],
  ["Det er en forudsætning, at", "Det kræver, at"],
  ["Samtidig fremgår det af resultaterne, at", "Resultaterne viser også, at"],
  ["endelig", "til sidst"],
  ["herunder", "blandt andet"],
  ["anvendes", "bruges"],
];

type Sentence = { text: string; sources: string[]; paragraph: number };

const flat = (text: string) => text.replace(/\s+/gu, " ").trim();

/** The prose's sentences, paragraph by paragraph, with their recorded sources. */
function sentencesOf(prose: DraftSection): Sentence[] {
  const recorded = prose.sentences ?? [];
  const paragraphStarts: number[] = [0];
  for (const match of prose.text.matchAll(/\n\s*\n/gu))
    paragraphStarts.push(match.index + match[0].length);
  const paragraphOf = (offset: number) =>
    paragraphStarts.filter((start) => start <= offset).length - 1;
  return recorded.map((sentence) => ({
    text: flat(prose.text.slice(sentence.start, sentence.end)),
    sources: sentence.sources,
    paragraph: paragraphOf(sentence.start),
  }));
}

function joinSentences(sentences: readonly Sentence[]): string {
  const paragraphs = new Map<number, string[]>();
  for (const sentence of sentences)
    paragraphs.set(sentence.paragraph, [
      ...(paragraphs.get(sentence.paragraph) ?? []),
      sentence.text,
    ]);
  return [...paragraphs.entries()]
    .sort(([left], [right]) => left - right)
    .map(([, texts]) => texts.join(" "))
    .join("\n\n");
}

/** How much a sentence tells: its numbers, a caseworker's point, the card's evidence; the decision is kept always. */
function informationOf(sentence: Sentence): number {
  const numbers = (sentence.text.match(/\d+(?:[.,]\d+)?/gu) ?? []).length;
  const weight = sentence.sources.reduce((sum, source) => {
    if (source.startsWith("note:") || source === "redaktør") return sum + 4;
    if (source === "card:proposal") return sum + 3;
    if (source === "card:results") return sum + 2;
    if (source === "question") return sum + 3;
    return sum + 1;
  }, 0);
  return (numbers * 2 + weight) / Math.max(1, Math.sqrt(sentence.text.length / 40));
}

/** What the revision needs to source and validate the new prose. */
export type RevisionContext = {
  draft: Draft;
  frame: AssessmentFrame;
  evidence: Evidence[];
  /** Card sentences that could make the draft longer. */
  cardSentences: Array<{ text: string; source: string }>;
};

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** Reads the draft's card again from the store to source the revised prose. */
export async function revisionContext(draft: Draft, store: CorpusStore): Promise<RevisionContext> {
  const decision = DraftDecisionSchema.safeParse(draft.decision ?? draft.input.decision);
  if (!decision.success)
    throw new InputError(
      "invalid_revision",
      "The draft has no decision to revise under; change the decision first.",
    );
  const cardId = typeof draft.input.cardId === "string" ? draft.input.cardId : undefined;
  const stored = cardId === undefined ? undefined : await store.getCard(cardId);
  const economy = draft.sections.find((section) => section.key === ECONOMY_KEY);
  const notes = stringArray(draft.input.notes);
  const proposalFigures = draft.validation.issues.some(
    (issue) => issue.code === "missing_allocation",
  );
  const proposal: CardProposal | undefined = proposalFigures
    ? {
        figures: ["kortets forslag"],
        ...(draft.allocationProposal === undefined
          ? {}
          : { allocation: draft.allocationProposal.allocation }),
      }
    : undefined;
  const frame: AssessmentFrame = {
    title: draft.title,
    decision: decision.data,
    allocation: draft.allocation,
    ...(typeof draft.input.budgetYear === "number" ? { budgetYear: draft.input.budgetYear } : {}),
    ...(proposal === undefined ? {} : { proposal }),
  };
  if (stored === undefined)
    return {
      draft,
      frame,
      evidence: [
        { id: "decision", text: decisionWords(decision.data).join(" ") },
        ...notes.map((note, index) => ({ id: `note:${index + 1}`, text: note })),
        { id: "data", text: economy?.text ?? "" },
      ],
      cardSentences: [],
    };
  const examples = await selectExamples(store, stored.card, stored.document, decision.data);
  const evidence = evidenceOf({
    card: stored.card,
    notes,
    examples,
    economySentence: economy?.text ?? "",
    decisionWords: decisionWords(decision.data),
  });
  const lexicon = getLoadedDanishLexicon();
  const cardSentences = stored.card.sections
    .filter((section) => section.kind === "results" || section.kind === "content")
    .flatMap((section) =>
      reusableSentences(section.text, lexicon === undefined ? {} : { lexicon })
        .filter(({ past }) => section.kind === "results" || !past)
        .map(({ sentence }) => ({ text: sentence, source: `card:${section.kind}` })),
    );
  return { draft, frame, evidence, cardSentences };
}

function similar(left: string, right: string): number {
  const a = new Set(tokenizeDanish(left));
  const b = new Set(tokenizeDanish(right));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

function replaceWords(text: string, table: ReadonlyArray<readonly [string, string]>): string {
  let result = text;
  for (const [from, to] of table) {
    const pattern = new RegExp(
      `(?<![\\p{L}])${from.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}(?![\\p{L}])`,
      "gu",
    );
    result = result.replace(pattern, to);
    const capital = from.charAt(0).toUpperCase() + from.slice(1);
    if (capital !== from)
      result = result.replace(
        new RegExp(
          `(?<![\\p{L}])${capital.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}(?![\\p{L}])`,
          "gu",
        ),
        to.charAt(0).toUpperCase() + to.slice(1),
      );
  }
  return result;
}

/** The new prose and notes an operation gives, or an InputError saying why it cannot. */
function applyOperation(
  sentences: Sentence[],
  operation: RevisionOperation,
  context: RevisionContext,
): { prose: string; notes: string[] } {
  const notes = stringArray(context.draft.input.notes);
  const decision = context.frame.decision;
  const keep = (sentence: Sentence, index: number) =>
    index === 0 || sentence.sources.includes("decision");
  switch (operation.op) {
    case "shorter": {
      const total = sentences.reduce((sum, sentence) => sum + sentence.text.length, 0);
      const droppable = sentences
        .map((sentence, index) => ({ sentence, index }))
        .filter(({ sentence, index }) => !keep(sentence, index))
        .sort((left, right) => informationOf(left.sentence) - informationOf(right.sentence));
      if (droppable.length === 0)
        throw new InputError(
          "nothing_to_shorten",
          "Udkastet er allerede kort: det har kun beslutningen og økonomien tilbage, som ikke kan fjernes.",
        );
      const dropped = new Set<number>();
      let length = total;
      for (const { sentence, index } of droppable) {
        if (dropped.size > 0 && length <= total * SHORTER_SHARE) break;
        dropped.add(index);
        length -= sentence.text.length;
      }
      return { prose: joinSentences(sentences.filter((_, index) => !dropped.has(index))), notes };
    }
    case "longer": {
      const used = sentences.map((sentence) => sentence.text);
      const fresh = context.cardSentences
        .filter(({ text }) => !used.some((present) => similar(present, text) > 0.8))
        .slice(0, LONGER_SENTENCES);
      if (fresh.length === 0)
        throw new InputError(
          "nothing_to_add",
          "Kortet har ikke flere sætninger, som udkastet kan bruge. Tilføj et punkt, så bliver udkastet længere.",
        );
      const last = Math.max(0, ...sentences.map((sentence) => sentence.paragraph));
      return {
        prose: joinSentences([
          ...sentences,
          ...fresh.map(({ text, source }) => ({ text, sources: [source], paragraph: last + 1 })),
        ]),
        notes,
      };
    }
    case "add_point": {
      const point = flat(operation.point);
      const leads =
        decision === "betinget"
          ? CONDITION_LEADS
          : decision === "med_justeringer" && ADJUSTING.test(point)
            ? ADJUSTMENT_LEADS
            : REASON_LEADS;
      const woven = sentences.filter((sentence) =>
        sentence.sources.some((source) => source.startsWith("note:")),
      ).length;
      const sentence =
        weave(
          [point],
          leads.slice(Math.min(woven, leads.length - 1)),
          getLoadedDanishLexicon(),
        )[0] ?? point;
      /* After the notes already woven in, else before the earlier years, else at the end. */
      const noteParagraphs = sentences
        .filter((sentence) => sentence.sources.some((source) => source.startsWith("note:")))
        .map((sentence) => sentence.paragraph);
      const paragraph =
        noteParagraphs.length > 0
          ? Math.max(...noteParagraphs)
          : Math.max(0, ...sentences.map((sentence) => sentence.paragraph)) + 1;
      const index = sentences.findLastIndex((sentence) => sentence.paragraph <= paragraph);
      const next = [...sentences];
      next.splice(index + 1, 0, {
        text: sentence,
        sources: [`note:${notes.length + 1}`],
        paragraph,
      });
      return { prose: joinSentences(next), notes: [...notes, point] };
    }
    case "remove_point": {
      const point = flat(operation.point);
      const economy = context.draft.sections.find((section) => section.key === ECONOMY_KEY);
      if (
        /økonomi|bevilling|mio\.|kr\./iu.test(point) ||
        similar(point, economy?.text ?? "") >= 0.6
      )
        throw new InputError(
          "economy_required",
          "Økonomien kan ikke fjernes fra en vurdering: den skrives ud fra bevillingsdata. Ret bevillingsdata, hvis beløbet er forkert.",
        );
      const scored = sentences
        .map((sentence, index) => ({ index, score: similar(point, sentence.text) }))
        .filter(({ index, score }) => score >= 0.6 && !keep(sentences[index] as Sentence, index));
      if (scored.length === 0)
        throw new InputError(
          "point_not_found",
          `Ingen sætning i udkastet handler om "${point}" (beslutningen kan ikke fjernes). Citér nogle ord fra sætningen, der skal væk.`,
        );
      const best = Math.max(...scored.map(({ score }) => score));
      const removed = new Set(
        scored.filter(({ score }) => score === best).map(({ index }) => index),
      );
      const remainingNotes = notes.filter((note) => similar(point, note) < 0.6);
      return {
        prose: joinSentences(sentences.filter((_, index) => !removed.has(index))),
        notes: remainingNotes,
      };
    }
    case "plainer":
    case "formal": {
      const table =
        operation.op === "plainer"
          ? PLAIN_WORDS
          : PLAIN_WORDS.map(([formal, plain]) => [plain, formal] as const).filter(
              ([plain]) => plain.split(" ").length > 1 || plain.length > 4,
            );
      const changed = sentences.map((sentence, index) =>
        keep(sentence, index)
          ? sentence
          : { ...sentence, text: replaceWords(sentence.text, table) },
      );
      if (changed.every((sentence, index) => sentence.text === sentences[index]?.text))
        throw new InputError(
          "nothing_to_change",
          operation.op === "plainer"
            ? "Udkastet har ingen af de formelle vendinger, der kan gøres enklere."
            : "Udkastet har ingen af de enkle vendinger, der kan gøres mere formelle.",
        );
      return { prose: joinSentences(changed), notes };
    }
  }
}

/** A new version of an assessment after one structural operation, validated by the pipeline. */
export function reviseAssessmentStructure(
  context: RevisionContext,
  operation: RevisionOperation,
  author: string,
  now: Date,
): Draft {
  const { draft } = context;
  if (draft.kind !== "assessment")
    throw new InputError(
      "invalid_revision",
      "Only assessments are revised by operations; edit a budget note's text instead.",
    );
  const prose = draft.sections.find((section) => section.key === PROSE_KEY);
  const economy = draft.sections.find((section) => section.key === ECONOMY_KEY);
  if (prose === undefined || economy === undefined)
    throw new InputError(
      "invalid_revision",
      'This version has lost its headings ("Indhold i justeret indsats:" and "Økonomi/ressourcer:"); restore an earlier version or put the headings back in your text.',
    );
  const lexicon = getLoadedDanishLexicon();
  const sentences =
    prose.sentences === undefined
      ? sentencesOf({ ...prose, sentences: sourceSentences(prose.text, context.evidence, lexicon) })
      : sentencesOf(prose);
  const { prose: nextProse, notes } = applyOperation(sentences, operation, context);
  const evidence: Evidence[] = [
    ...context.evidence.filter((item) => !item.id.startsWith("note:")),
    ...notes.map((note, index) => ({ id: `note:${index + 1}`, text: note })),
  ];
  const checked = checkAssessment(
    nextProse,
    economy.text,
    context.frame,
    sourceSentences(nextProse, evidence, lexicon),
  );
  return {
    ...draft,
    version: draft.version + 1,
    text: checked.text,
    sections: checked.sections,
    validation: checked.validation,
    status: checked.status,
    attempts: 0,
    input: {
      ...Object.fromEntries(Object.entries(draft.input).filter(([key]) => key !== "notes")),
      ...(notes.length === 0 ? {} : { notes }),
      revision: operation.op,
      ...(operation.op === "add_point" || operation.op === "remove_point"
        ? { point: operation.point }
        : {}),
    },
    author,
    createdAt: now.toISOString(),
  };
}

/** Sentence sources of a caseworker's edited prose: sentences kept from the last version keep theirs; new ones are the editor's. */
export function editedSentenceSources(
  previous: DraftSection | undefined,
  prose: string,
  evidence: readonly Evidence[],
): SentenceSource[] {
  const before = new Map(
    (previous?.sentences ?? []).map((sentence) => [
      flat(previous?.text.slice(sentence.start, sentence.end) ?? ""),
      sentence.sources,
    ]),
  );
  return sourceSentences(prose, evidence, getLoadedDanishLexicon()).map((sentence) => {
    const kept = before.get(flat(prose.slice(sentence.start, sentence.end)));
    return { ...sentence, sources: kept ?? ["redaktør"] };
  });
}
