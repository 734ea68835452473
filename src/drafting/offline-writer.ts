/**
 * The offline writer: drafts "Indhold i justeret indsats" without a language model, the same way
 * every time. It opens with the decision's wording learned from the corpus, lists the
 * caseworker's notes in order, and ends with a short extract of the expiring card's own content
 * (its first clean sentences in the present tense, framed for the decision). It never writes a
 * money figure: reused sentences with money, OCR damage or past tense are left out. On a repair
 * call it removes the sentences that hold the flagged figures.
 */
import type { DanishLexicon } from "../corpus/danish-lexicon.ts";
import { classifyDecision } from "../corpus/classify-decision.ts";
import type { DraftDecision, ValidationIssue } from "../domain/index.ts";
import { extractFigures, splitSentences } from "../money/index.ts";
import {
  fallbackDecisionPhrasing,
  normalizeSentence,
  openingSentence,
  type DecisionPhrasing,
} from "./decision-phrasing.ts";
import type { AssessmentContext, AssessmentWriter } from "./ports.ts";
import { suspectWords } from "./sentence-sources.ts";
import { repairOcr } from "../corpus/repair-ocr.ts";

export const OFFLINE_WRITER_ID = "offline";
export const OFFLINE_PROMPT = { id: "offline-assessment", version: "2" } as const;

export type OfflineWriterOptions = {
  /** Sentences with words the lexicon does not know (OCR damage: "Formalet", "harialt") are not reused. */
  lexicon?: DanishLexicon;
  /** Most sentences reused from the card's content (default 2). */
  maxReusedSentences?: number;
  /** Most characters reused from the card's content (default 450). */
  maxReusedLength?: number;
};

/* Signs of OCR damage or layout debris a draft should not repeat. */
const DEBRIS = /\p{L}é\p{L}|[|*\\_{}<>’‘ﬁﬂ]|\p{L}\d|\d\p{L}|\s[.,;:]|\.\.|^\P{Lu}|\s[o•]\s\p{Lu}/u;
/* Past tense and the expiring period: true of the old card, not of the next years. */
const PAST =
  /(?<![\p{L}])(?:blev|var|havde|harialt|udløber|udløbet|hidtil|tidligere|projektperioden|har\s+(?:\p{L}+\s+)?\p{L}+(?:et|t))(?![\p{L}])/iu;
/* A list number split off as its own "sentence" ("1."): the next one is a list heading. */
const LIST_NUMBER = /(?:^|\s)\d{1,2}[.)]\s*$/u;
/* Valid words that in this corpus are nearly always OCR damage of another ("Formalet" = Formålet, "far" = får, "bar" = bør, "nar" = når). */
const OCR_FALSE_FRIENDS = new Set([
  "formalet",
  "formal",
  "far",
  "bar",
  "nar",
  "pa",
  "ma",
  "sis",
  "bgr",
  "ogi",
  "harialt",
  "arligt",
  "malgruppe",
  "malgruppen",
]);
/* Letters the OCR puts where "å", "æ" and "ø" stood ("Formalet", "tiloyder", "bgr"). */
const OCR_LETTERS: Readonly<Record<string, readonly string[]>> = {
  a: ["å", "æ"],
  e: ["ø", "æ"],
  g: ["ø"],
  o: ["ø"],
  "@": ["ø"],
};
const YEAR = /(?<!\d)(?:19|20)\d\d(?!\d)/gu;
const WORD = /\p{L}+/gu;

function hasMoney(text: string): boolean {
  return extractFigures(text).some((figure) => figure.kind === "money");
}

/**
 * A word the OCR damaged: unknown to the lexicon, but known once one letter is put back
 * ("Formalet" → "Formålet") or a glued "i" is split off ("opfyldti"). Unknown words that are
 * merely compounds or names ("mentorindsats", "Sabaah") pass.
 */
export function looksOcrDamaged(word: string, lexicon: DanishLexicon): boolean {
  if (OCR_FALSE_FRIENDS.has(word.toLowerCase())) return true;
  if (word.length <= 2 || lexicon.isWord(word)) return false;
  if (/^\p{Lu}{2,}/u.test(word)) return false;
  if (word.length > 3 && word.endsWith("i") && lexicon.isWord(word.slice(0, -1))) return true;
  for (let index = 0; index < word.length; index += 1) {
    for (const replacement of OCR_LETTERS[word.charAt(index).toLowerCase()] ?? []) {
      if (lexicon.isWord(`${word.slice(0, index)}${replacement}${word.slice(index + 1)}`))
        return true;
    }
  }
  return false;
}

function balanced(sentence: string): boolean {
  const count = (pattern: RegExp) => (sentence.match(pattern) ?? []).length;
  return count(/\(/gu) === count(/\)/gu) && count(/["“”]/gu) % 2 === 0;
}

function isCleanWording(sentence: string, lexicon: DanishLexicon | undefined): boolean {
  if (
    DEBRIS.test(sentence) ||
    !balanced(sentence) ||
    /\s\d{1,2}[.)]$/u.test(sentence) ||
    /^(?:dvs|fx|bl\.a|herunder|heraf)\b/iu.test(sentence)
  )
    return false;
  if ((sentence.match(WORD) ?? []).some((word) => OCR_FALSE_FRIENDS.has(word.toLowerCase())))
    return false;
  if (lexicon === undefined) return true;
  return !(sentence.match(WORD) ?? []).some((word) => looksOcrDamaged(word, lexicon));
}

/** The first clean, present-tense sentences of the card's content, without money. */
export function extractContent(
  context: Pick<AssessmentContext, "card" | "budgetYear">,
  options: OfflineWriterOptions = {},
): string[] {
  const content = context.card.sections.find((section) => section.kind === "content");
  if (content === undefined) return [];
  const picked: string[] = [];
  let length = 0;
  for (const { sentence, past, years } of reusableSentences(content.text, options)) {
    if (sentence.length < 40 || past) continue;
    if (years.some((year) => year < context.budgetYear)) continue;
    if (length + sentence.length > (options.maxReusedLength ?? 450)) break;
    picked.push(sentence);
    length += sentence.length + 1;
    if (picked.length >= (options.maxReusedSentences ?? 2)) break;
  }
  return picked;
}

/** A card sentence as the draft may reuse it: normalised, OCR-repaired, clean, without money. */
export function reusableSentences(
  text: string,
  options: OfflineWriterOptions = {},
): Array<{ sentence: string; past: boolean; years: number[] }> {
  const picked: Array<{ sentence: string; past: boolean; years: number[] }> = [];
  let afterListNumber = false;
  for (const { start, end } of splitSentences(text)) {
    const raw = text.slice(start, end);
    const listHeading = afterListNumber;
    afterListNumber = LIST_NUMBER.test(raw);
    if (listHeading) continue;
    let sentence = normalizeSentence(raw);
    if (options.lexicon !== undefined)
      sentence = repairOcr(sentence, { lexicon: options.lexicon }).text;
    if (sentence.length < 30 || sentence.length > 350 || !/[.!?]$/u.test(sentence)) continue;
    if (hasMoney(sentence) || !isCleanWording(sentence, options.lexicon)) continue;
    if (suspectWords(sentence, options.lexicon).length > 0) continue;
    picked.push({
      sentence,
      past: PAST.test(sentence),
      years: [...sentence.matchAll(YEAR)].map((match) => Number(match[0])),
    });
  }
  return picked;
}

/* Results: a target met, or missed. */
const MET =
  /(?<![\p{L}])(?:nået|opnået|nåede|opfyldt|indfriet|levet\s+op|over\s+(?:målet|målsætningen)|flere\s+end\s+forventet)(?![\p{L}])/iu;
const MISSED =
  /(?<![\p{L}])(?:ikke\s+(?:\p{L}+\s+)?(?:nået|opfyldt|indfriet|lykkedes)|lavere\s+end|sværere|(?<!flere\s)end\s+forventet|under\s+(?:målet|målsætningen|forventet)|færre\s+end|nedjusteret|udfordr\p{L}*|mangl\p{L}*)(?![\p{L}])/iu;
/* A point that changes the grant (an adjustment or a condition), not a reason. */
export const ADJUSTING =
  /(?<![\p{L}])(?:juster\p{L}*|nedjuster\p{L}*|opjuster\p{L}*|nedskal\p{L}*|opskal\p{L}*|færre|flere|ændr\p{L}*|fremover|fremadrettet|fokus|skal|bør|foreslå\p{L}*|reducer\p{L}*|udvid\p{L}*|øge[s]?|målret\p{L}*|forudsætning\p{L}*|såfremt|hvis|kun|udgår|stoppes|ikke\s+videreføres|videreføres\s+ikke)(?![\p{L}])/iu;
/* Finite verbs that follow a subject in a main clause ("Indsatsen har …"): such a sentence can follow "at". */
const FINITE =
  /^(?:har|er|skal|kan|vil|bør|må|får|blev|var|bliver|giver|ligger|viser|fortsætter|afholder|tilbyder|arbejder|samarbejder|forventer|sker|indgår|omfatter|ophører|mangler|udgør|når|(?!\p{L}*(?:ernes|enes)$)\p{L}{5,}es)$/iu;
/* Present-tense "-er" verbs straight after a one-word subject ("FRAK afholder"); elsewhere "-er" is a plural noun. */
const PRESENT = /^\p{L}{3,}er$/u;
const NOT_VERB =
  /^(?:under|over|efter|eller|mellem|flere|andre|mere|omkring|hver|senere|tidligere|udover)$/iu;
const NOT_SUBJECT =
  /^(?:fremover|fremadrettet|derudover|herudover|desuden|endvidere|samtidig|derfor|dog|også|nu|fortsat|i|med|på|for|til|efter|ved|som|hvis|når|da|af|om|under|over|mellem|siden|herefter|endelig|hertil)$/iu;

const SENTENCE_ADVERB = /^(?:ikke|også|altid|aldrig|allerede|fortsat|stadig|dog|derfor|nu)$/iu;

/** Whether a sentence opens with its subject, so it reads as a clause after "at". */
function subjectFirst(sentence: string): boolean {
  const words = sentence.split(/\s+/u);
  const first = words[0] ?? "";
  if (NOT_SUBJECT.test(first) || /\d/u.test(first)) return false;
  for (let index = 1; index <= Math.min(6, words.length - 1); index += 1) {
    const word = (words[index] ?? "").replace(/[,.;:]$/u, "");
    const verb = FINITE.test(word) || (index === 1 && PRESENT.test(word) && !NOT_VERB.test(word));
    if (verb) return !words.slice(0, index).some((before) => /,$/u.test(before));
  }
  return false;
}

/** The sentence as a clause after "at": first letter lowered unless a name or an abbreviation. */
function asClause(sentence: string, lexicon: DanishLexicon | undefined): string {
  const body = sentence.replace(/[.!]$/u, "");
  const first = /^\p{L}+/u.exec(body)?.[0] ?? "";
  const lower = first.toLowerCase();
  const keep =
    /^\p{Lu}{2,}/u.test(first) ||
    (lexicon !== undefined && !lexicon.isWord(lower)) ||
    (lexicon === undefined && first.length > 1 && first.slice(1) !== first.slice(1).toLowerCase());
  const clause = keep ? body : `${lower}${body.slice(first.length)}`;
  /* In a clause after "at" the sentence adverb stands before the verb: "at indsatsen ikke har nået". */
  const words = clause.split(" ");
  for (let index = 1; index < words.length - 1; index += 1) {
    if (FINITE.test(words[index] ?? "") && SENTENCE_ADVERB.test(words[index + 1] ?? "")) {
      const verb = words[index] ?? "";
      words[index] = words[index + 1] ?? "";
      words[index + 1] = verb;
      break;
    }
  }
  return words.join(" ");
}

function asSentence(note: string): string {
  const flat = note.replace(/\s+/gu, " ").trim();
  const capital = flat.charAt(0).toUpperCase() + flat.slice(1);
  return /[.!?]$/u.test(capital) ? capital : `${capital.replace(/:$/u, "")}.`;
}

/** Weaves points into sentences: "Lead, at …" where the point opens with its subject, else the point as it stands. */
export function weave(
  points: readonly string[],
  leads: readonly string[],
  lexicon: DanishLexicon | undefined,
): string[] {
  return points.map((point, index) => {
    const sentence = asSentence(point);
    const lead = leads[Math.min(index, leads.length - 1)] ?? "";
    return subjectFirst(sentence) ? `${lead}, at ${asClause(sentence, lexicon)}.` : sentence;
  });
}

export const REASON_LEADS = [
  "Forvaltningen lægger vægt på",
  "Forvaltningen bemærker desuden",
  "Hertil kommer",
  "Endelig bemærkes det",
];
export const ADJUSTMENT_LEADS = [
  "Som justering foreslår forvaltningen",
  "Desuden foreslås det",
  "Endvidere foreslås det",
];
export const CONDITION_LEADS = ["Det er en forudsætning", "Det er desuden en forudsætning"];

/** The opening of the card's own proposal says the decision; the sentences after it say what changes. */
function proposalPoints(context: AssessmentContext, options: OfflineWriterOptions): string[] {
  const proposal = context.card.sections.find((section) => section.kind === "assessment");
  if (proposal === undefined) return [];
  return reusableSentences(proposal.text, options)
    .map(({ sentence }) => sentence)
    .filter((sentence, index) => index > 0 || !/vurdering/iu.test(sentence))
    .filter((sentence) => ADJUSTING.test(sentence) || /\d/u.test(sentence))
    .slice(0, 3);
}

/** What the card's results say, met targets first, each with its numbers as the card states them. */
function resultSentences(
  context: AssessmentContext,
  options: OfflineWriterOptions,
): { met: string[]; missed: string[] } {
  const results = context.card.sections.find((section) => section.kind === "results");
  if (results === undefined) return { met: [], missed: [] };
  const read = reusableSentences(results.text, options).map(({ sentence }) => sentence);
  const missed = read.filter((sentence) => MISSED.test(sentence) && !/ophør/iu.test(sentence));
  const met = read.filter(
    (sentence) => !missed.includes(sentence) && (MET.test(sentence) || /\d/u.test(sentence)),
  );
  return { met: met.slice(0, 2), missed: missed.slice(0, 2) };
}

/** The prose for a context, before any repair: paragraphs in the department's register. */
export function composeAssessment(
  context: AssessmentContext,
  phrasing: DecisionPhrasing,
  options: OfflineWriterOptions = {},
): string {
  const { decision } = context;
  const lexicon = options.lexicon;
  const opening = openingSentence(phrasing[decision], decision, { listFollows: false });
  const paragraphs: string[] = [];

  /* 1. The decision and what the grant is. */
  const what = extractContent(context, { ...options, maxReusedSentences: 1 });
  paragraphs.push([opening, ...what].join(" "));

  /* 2. The card's own evidence: results met and missed, quoted as the card states them. */
  const { met, missed } = resultSentences(context, options);
  const evidence: string[] = [];
  if (met.length > 0) evidence.push(...met);
  if (missed.length > 0)
    evidence.push(
      ...weave(missed, ["Samtidig fremgår det af resultaterne", "Det fremgår desuden"], lexicon),
    );
  if (evidence.length > 0) paragraphs.push(evidence.join(" "));

  /* 3. The caseworker's notes: reasons, and for "med justeringer" / "betinget" the changes. */
  const changing = decision === "med_justeringer" || decision === "betinget";
  /* Under "betinget" every note is a condition; under "med justeringer" the notes that change something. */
  const adjustments =
    decision === "betinget"
      ? [...context.notes]
      : changing
        ? context.notes.filter((note) => ADJUSTING.test(note))
        : [];
  const reasons = context.notes.filter((note) => !adjustments.includes(note));

  /* 4. The adjustments or conditions: from the notes, else the card's own proposal, else ask. */
  if (changing) {
    const leads = decision === "betinget" ? CONDITION_LEADS : ADJUSTMENT_LEADS;
    if (adjustments.length > 0) paragraphs.push(weave(adjustments, leads, lexicon).join(" "));
    else {
      const proposed = proposalPoints(context, options);
      if (proposed.length > 0) paragraphs.push(proposed.join(" "));
      else if (reasons.length === 0)
        paragraphs.push(
          decision === "betinget"
            ? "Hvilke betingelser skal være opfyldt, før indsatsen videreføres?"
            : "Hvilke justeringer af indsatsen foreslås?",
        );
    }
  }

  if (reasons.length > 0) paragraphs.push(weave(reasons, REASON_LEADS, lexicon).join(" "));

  /* 5. Earlier years of the same grant, where the corpus has them. */
  const earlier = [
    ...new Set(
      context.examples
        .filter((example) => example.reason === "same_initiative")
        .map((example) => example.year),
    ),
  ].sort();
  if (earlier.length > 0)
    paragraphs.push(
      `Indsatsen indgik også i bilaget for ${earlier.length === 1 ? earlier[0] : `${earlier.slice(0, -1).join(", ")} og ${earlier[earlier.length - 1]}`}.`,
    );
  return paragraphs.join("\n\n");
}
type Segment = { line: number; start: number; end: number };

/** Sentences of a text, line by line (a bullet line is its own run of sentences), with offsets. */
function segmentsOf(text: string): {
  lines: Array<{ start: number; end: number; bullet: string }>;
  segments: Segment[];
} {
  const lines: Array<{ start: number; end: number; bullet: string }> = [];
  const segments: Segment[] = [];
  let offset = 0;
  for (const raw of text.split("\n")) {
    const bullet = /^\s*(?:[-•*]|\d+[.)])\s+/u.exec(raw)?.[0] ?? "";
    const line = lines.length;
    lines.push({ start: offset, end: offset + raw.length, bullet });
    const body = raw.slice(bullet.length);
    for (const sentence of splitSentences(body))
      segments.push({
        line,
        start: offset + bullet.length + sentence.start,
        end: offset + bullet.length + sentence.end,
      });
    offset += raw.length + 1;
  }
  return { lines, segments };
}

/**
 * The text without the sentences holding the flagged figures (by the issues' offsets into `text`,
 * or by the figure text where the offsets do not fall in a sentence). An issue over the whole text
 * about the decision removes the sentences that read as a stop when the decision continues.
 */
export function removeFlaggedSentences(
  text: string,
  issues: readonly ValidationIssue[],
  decision?: DraftDecision,
  keep: readonly string[] = [],
): string {
  const flat = (words: string) =>
    words
      .replace(/\s+/gu, " ")
      .replace(/[.!?:]$/u, "")
      .trim()
      .toLowerCase();
  const kept = (sentence: string) => keep.some((words) => flat(words).includes(flat(sentence)));
  const { lines, segments } = segmentsOf(text);
  const dropped = new Set<Segment>();
  for (const issue of issues) {
    const wholeText = issue.start <= 0 && issue.end >= text.length;
    if (wholeText) {
      if (issue.code === "decision_conflict" && decision !== "ophører") {
        segments.slice(1).forEach((segment) => {
          const sentence = text.slice(segment.start, segment.end);
          if (classifyDecision(sentence) === "ophører" && !kept(sentence)) dropped.add(segment);
        });
      }
      if (issue.found !== undefined && issue.found !== "")
        for (const segment of segments)
          if (text.slice(segment.start, segment.end).includes(issue.found)) dropped.add(segment);
      continue;
    }
    const overlapping = segments.filter(
      (segment) => segment.start < issue.end && issue.start < segment.end,
    );
    const found = issue.found ?? "";
    const holds = (segment: Segment) =>
      found !== "" && text.slice(segment.start, segment.end).includes(found);
    /* The offsets decide, unless they point at a sentence without the figure the issue names. */
    const chosen =
      found === "" || overlapping.some(holds)
        ? overlapping.filter((segment) => found === "" || holds(segment))
        : segments.filter(holds);
    for (const segment of chosen.length > 0 ? chosen : overlapping) dropped.add(segment);
  }
  const remainingLines = lines.map((line, index) => {
    const own = segments.filter((segment) => segment.line === index);
    if (own.length === 0) return text.slice(line.start, line.end);
    const remaining = own
      .filter((segment) => !dropped.has(segment))
      .map((segment) => text.slice(segment.start, segment.end).trim());
    if (remaining.length === 0) return undefined;
    return `${line.bullet}${remaining.join(" ")}`;
  });
  let number = 0;
  return remainingLines
    .filter((line): line is string => line !== undefined)
    .map((line) => {
      /* Renumber a numbered list whose points were removed. */
      if (!/^\d+\.\s/u.test(line)) {
        number = 0;
        return line;
      }
      number += 1;
      return line.replace(/^\d+\./u, `${number}.`);
    })
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim()
    .replace(/:(?=\n\n|$)/gu, ".");
}

/** A writer that needs no model: deterministic, extractive, never writes money. */
export function createOfflineWriter(
  phrasing: DecisionPhrasing = fallbackDecisionPhrasing(),
  options: OfflineWriterOptions = {},
): AssessmentWriter {
  return {
    id: OFFLINE_WRITER_ID,
    prompt: { ...OFFLINE_PROMPT },
    async write(context, repair) {
      /* The caseworker's own points are not dropped for reading as a stop: the conflict stays visible. */
      if (repair !== undefined)
        return {
          indholdIJusteretIndsats: removeFlaggedSentences(
            repair.previousText,
            repair.issues,
            context.decision,
            context.notes,
          ),
        };
      return { indholdIJusteretIndsats: composeAssessment(context, phrasing, options) };
    },
  };
}
