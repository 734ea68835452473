/**
 * The opening sentence of "Faglig vurdering af videreførelse" per decision, learned from the
 * corpus: the first sentence of each assessment whose card has that decision, cut after the words
 * that state the decision ("Forvaltningens faglige vurdering er, at indsatsen kan videreføres
 * uændret"), normalised, and counted; the most frequent wording wins (ties: the latest annex, then
 * the shorter). A decision the corpus has no wording for gets a built-in fallback.
 */
import type { DraftDecision, ParsedDocument } from "../domain/index.ts";
import { DRAFT_DECISIONS } from "../domain/index.ts";
import { splitSentences } from "../money/index.ts";

export type DecisionPhrase = {
  /** The opening up to and including the words that state the decision, without end punctuation. */
  stem: string;
  /** How many assessments in the corpus open this way (0 for a fallback). */
  support: number;
  /** The cards it was learned from. */
  cardIds: string[];
  learned: boolean;
};

export type DecisionPhrasing = Readonly<Record<DraftDecision, DecisionPhrase>>;

/** The department's usual wording, used when the corpus has none for a decision. */
export const FALLBACK_STEMS: Readonly<Record<DraftDecision, string>> = {
  uændret: "Forvaltningens faglige vurdering er, at indsatsen kan videreføres uændret",
  med_justeringer:
    "Forvaltningens faglige vurdering er, at indsatsen kan videreføres med følgende justeringer",
  ophører: "Forvaltningens faglige vurdering er, at indsatsen ikke videreføres",
  betinget: "Forvaltningens faglige vurdering er, at indsatsen kun kan videreføres",
  afventer: "Forvaltningens faglige vurdering afventer afklaring",
};

/** Where the words that state each decision end; the opening must state it within its first words. */
const STEMS: Readonly<Record<DraftDecision, RegExp>> = {
  uændret: /^.{0,90}?\bvidereføres\s+(?:uændret|uden\s+justeringer)/iu,
  med_justeringer: /^.{0,90}?\bvidereføres\s+med\s+(?:følgende\s+)?justeringer/iu,
  ophører: /^.{0,90}?\b(?:ikke\s+(?:bør\s+)?videreføres|bør\s+ikke\s+videreføres)/iu,
  betinget: /^.{0,90}?\bkun\s+kan\s+videreføres/iu,
  afventer: /^.{0,90}?\bafventer\s+afklaring/iu,
};

/** Collapses white space and line-break hyphenation; drops OCR bars and bullets at the start. */
export function normalizeSentence(text: string): string {
  return text
    .replace(/(\p{Ll})-[ \t]*\n\s*(?!(?:og|eller|samt|til)(?![\p{L}]))(\p{Ll})/gu, "$1$2")
    .replace(/\s+/gu, " ")
    .replace(/^\s*\|\s+(?=\p{L})/u, "I ")
    .replace(/^[\s|•*·.o-]+(?=\p{L})/u, "")
    .trim();
}

/** The first sentence of an assessment text, normalised. */
export function firstSentence(text: string): string {
  const first = splitSentences(text)[0];
  return first === undefined ? "" : normalizeSentence(text.slice(first.start, first.end));
}

/** Learns the opening per decision from the assessment sections of the annexes. */
export function learnDecisionPhrasing(documents: readonly ParsedDocument[]): DecisionPhrasing {
  type Candidate = { stem: string; cardIds: string[]; latestYear: number };
  const candidates = new Map<DraftDecision, Map<string, Candidate>>();
  for (const { document, cards } of documents) {
    if (document.kind !== "annex") continue;
    for (const card of cards) {
      const decision = DRAFT_DECISIONS.find((known) => known === card.decision);
      if (decision === undefined) continue;
      const assessment = card.sections.find((section) => section.kind === "assessment");
      if (assessment === undefined) continue;
      const match = STEMS[decision].exec(firstSentence(assessment.text));
      if (match === null) continue;
      const stem = match[0].replace(/[\s,:;.]+$/u, "");
      const normalized = stem.charAt(0).toUpperCase() + stem.slice(1);
      const byStem = candidates.get(decision) ?? new Map<string, Candidate>();
      const key = normalized.toLowerCase();
      const candidate = byStem.get(key) ?? {
        stem: normalized,
        cardIds: [],
        latestYear: document.year,
      };
      candidate.cardIds.push(card.id);
      candidate.latestYear = Math.max(candidate.latestYear, document.year);
      byStem.set(key, candidate);
      candidates.set(decision, byStem);
    }
  }
  const entries = DRAFT_DECISIONS.map((decision): [DraftDecision, DecisionPhrase] => {
    const best = [...(candidates.get(decision)?.values() ?? [])].sort(
      (left, right) =>
        right.cardIds.length - left.cardIds.length ||
        right.latestYear - left.latestYear ||
        left.stem.length - right.stem.length,
    )[0];
    if (best === undefined)
      return [
        decision,
        { stem: FALLBACK_STEMS[decision], support: 0, cardIds: [], learned: false },
      ];
    return [
      decision,
      { stem: best.stem, support: best.cardIds.length, cardIds: best.cardIds, learned: true },
    ];
  });
  return Object.fromEntries(entries) as Record<DraftDecision, DecisionPhrase>;
}

/** The phrasing with only the built-in fallbacks (no corpus). */
export function fallbackDecisionPhrasing(): DecisionPhrasing {
  const entries = DRAFT_DECISIONS.map((decision): [DraftDecision, DecisionPhrase] => [
    decision,
    { stem: FALLBACK_STEMS[decision], support: 0, cardIds: [], learned: false },
  ]);
  return Object.fromEntries(entries) as Record<DraftDecision, DecisionPhrase>;
}

/**
 * The opening sentence for a draft: the stem completed for what follows. With points to list,
 * "… med følgende justeringer:" and "… kun kan videreføres, hvis følgende forudsætninger er
 * opfyldt:"; without, a complete sentence.
 */
export function openingSentence(
  phrase: DecisionPhrase,
  decision: DraftDecision,
  options: { listFollows: boolean },
): string {
  const stem = phrase.stem;
  switch (decision) {
    case "med_justeringer":
      return options.listFollows
        ? `${stem.replace(/\bjusteringer$/u, "").replace(/\bmed\s+$/u, "med følgende ")}justeringer:`
        : `${stem.replace(/\bfølgende\s+/u, "")}.`;
    case "betinget":
      return options.listFollows
        ? `${stem}, hvis følgende forudsætninger er opfyldt:`
        : `${stem}, hvis forudsætningerne for indsatsen er opfyldt.`;
    default:
      return options.listFollows ? `${stem}:` : `${stem}.`;
  }
}
