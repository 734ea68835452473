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

export const OFFLINE_WRITER_ID = "offline";
export const OFFLINE_PROMPT = { id: "offline-assessment", version: "1" } as const;

export type OfflineWriterOptions = {
  /** Sentences with words the lexicon does not know (OCR damage: "Formalet", "harialt") are not reused. */
  lexicon?: DanishLexicon;
  /** Most sentences reused from the card's content (default 2). */
  maxReusedSentences?: number;
  /** Most characters reused from the card's content (default 450). */
  maxReusedLength?: number;
};

/** How the extract of the current content is introduced, per decision. */
const EXTRACT_LEAD: Readonly<Record<DraftDecision, (year: number) => string>> = {
  uændret: (year) =>
    `Indsatsen videreføres med det indhold, der er beskrevet i bilaget for ${year}:`,
  med_justeringer: (year) =>
    `Ud over justeringerne videreføres indsatsen med det indhold, der er beskrevet i bilaget for ${year}:`,
  betinget: (year) =>
    `Videreføres indsatsen, sker det med det indhold, der er beskrevet i bilaget for ${year}:`,
  ophører: (year) =>
    `Indsatsen har indtil nu haft det indhold, der er beskrevet i bilaget for ${year}:`,
  afventer: (year) => `Indsatsens nuværende indhold er beskrevet i bilaget for ${year}:`,
};

/* Signs of OCR damage or layout debris a draft should not repeat. */
const DEBRIS = /\p{L}é\p{L}|[|*\\_{}<>’‘ﬁﬂ]|\p{L}\d|\d\p{L}|\s[.,;:]|\.\.|^\P{Lu}/u;
/* Past tense and the expiring period: true of the old card, not of the next years. */
const PAST =
  /(?<![\p{L}])(?:blev|var|havde|harialt|udløber|udløbet|hidtil|tidligere|projektperioden|har\s+(?:\p{L}+\s+)?\p{L}+(?:et|t))(?![\p{L}])/iu;
/* A list number split off as its own "sentence" ("1."): the next one is a list heading. */
const LIST_NUMBER = /(?:^|\s)\d+[.)]\s*$/u;
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
    /\s\d+[.)]$/u.test(sentence) ||
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
  const text = content.text;
  const picked: string[] = [];
  let length = 0;
  let afterListNumber = false;
  for (const { start, end } of splitSentences(text)) {
    const raw = text.slice(start, end);
    const listHeading = afterListNumber;
    afterListNumber = LIST_NUMBER.test(raw);
    if (listHeading) continue;
    const sentence = normalizeSentence(raw);
    if (sentence.length < 40 || sentence.length > 350 || !/[.!?]$/u.test(sentence)) continue;
    if (PAST.test(sentence) || hasMoney(sentence)) continue;
    if ([...sentence.matchAll(YEAR)].some((match) => Number(match[0]) < context.budgetYear))
      continue;
    if (!isCleanWording(sentence, options.lexicon)) continue;
    if (length + sentence.length > (options.maxReusedLength ?? 450)) break;
    picked.push(sentence);
    length += sentence.length + 1;
    if (picked.length >= (options.maxReusedSentences ?? 2)) break;
  }
  return picked;
}

function asSentence(note: string): string {
  const flat = note.replace(/\s+/gu, " ").trim();
  const capital = flat.charAt(0).toUpperCase() + flat.slice(1);
  return /[.!?:]$/u.test(capital) ? capital : `${capital}.`;
}

/** The prose for a context, before any repair. */
export function composeAssessment(
  context: AssessmentContext,
  phrasing: DecisionPhrasing,
  options: OfflineWriterOptions = {},
): string {
  const notes = context.notes.map(asSentence);
  const listFollows =
    notes.length > 0 && (context.decision === "med_justeringer" || context.decision === "betinget");
  const opening = openingSentence(phrasing[context.decision], context.decision, { listFollows });
  const paragraphs: string[] = [];
  /* Numbered points, as the annexes write them: the money grammar's sentence splitter (and so the
     validator's reading of the decision) sees each point as its own sentence, which it does not
     for "- " bullets. */
  const numbered = notes.map((note, index) => `${index + 1}. ${note}`);
  if (listFollows) paragraphs.push([opening, ...numbered].join("\n"));
  else {
    paragraphs.push(opening);
    if (notes.length === 1) paragraphs.push(notes[0] ?? "");
    else if (notes.length > 1) paragraphs.push(numbered.join("\n"));
  }
  const extract = extractContent(context, options);
  if (extract.length > 0)
    paragraphs.push(
      `${EXTRACT_LEAD[context.decision](context.document.year)} ${extract.join(" ")}`,
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
