/**
 * Layout parser for the 2026 annex ("annex-cards-ocr"): OCR text of a PDF with one card per page.
 * Each card opens with the page header "Københavns Kommune", a title, "Nr. N", then the left half
 * "Beskrivelse af udløb" and the right half "Faglig vurdering af videreførelse". Some cards were
 * laid out in two columns that the OCR merged line by line; those are split back into their
 * halves by a small Viterbi search over where each merged line breaks (see `splitTwoColumns`).
 * Headings are matched with tolerant patterns on the raw text; the raw text is never modified and
 * every section keeps anchors back into it.
 */
import { loadDanishLexicon } from "./danish-lexicon.ts";
import type { Card, CardFlag, CorpusDocument, OffsetAnchors, Section, SectionKind, Span } from "../domain/index.ts";
import { CorpusError } from "../errors/errors.ts";
import { classifyDecision } from "./classify-decision.ts";
import type { LayoutParse, LayoutParser } from "./layout-parser.ts";
import { repairOcr } from "./repair-ocr.ts";
import { type SourceLine, splitSourceLines } from "./source-lines.ts";

export const ANNEX_CARDS_LAYOUT = "annex-cards-ocr";

/** The repeated page header, OCR-damaged ("Kgbenhavns Kommune"), alone on its line. */
const PAGE_HEADER = /^\s*K\S{1,3}benhavns\s+Kommune\s*$/;
/** The card number line: "Nr. 4", "Nr3", "Nr. &", "Nr.5", "Nr 13". */
const NUMBER_LINE = /^\s*N[rt]\s*\.?\s*(\S{1,3})\s*$/;
const LEFT_HALF = /Beskrivelse\s+af\s+ud\S*/;
const RIGHT_HALF = /Faglig\s+vurdering\s+af\s+videre\S*/;
const CONTENT_HEADING = /Indhold\s+i\s+indsatsen\s*:?/;
const RESULTS_HEADING = /Resultater\s+og\s+erfaringer\s*:?/;
const MONEY_HEADING = /[@ØOo0]\s?konomi\s*\/\s*ressourcer\s*:?/;
const ASSESSMENT_HEADING = /Indhold\s+i\s+justeret\s+indsats\s*:?/;
/** The group heading before the cards financed within the committee's own budget. */
const GROUP_START = /^\s*Bevillinger,?\s+der\s+senest\s+er\b/;

const HEADINGS: Readonly<Record<Exclude<SectionKind, "grant" | "background" | "expected_effect" | "economy" | "risk" | "technical" | "other_technical" | "previous_funding" | "agreement_text" | "other">, string>> = {
  content: "Indhold i indsatsen",
  results: "Resultater og erfaringer",
  expiring_money: "Økonomi/ressourcer",
  assessment: "Indhold i justeret indsats",
  proposed_money: "Økonomi/ressourcer",
};
type CardSectionKind = keyof typeof HEADINGS;
type Half = "udløb" | "vurdering";

const HALF_OF: Readonly<Record<CardSectionKind, Half>> = {
  content: "udløb",
  results: "udløb",
  expiring_money: "udløb",
  assessment: "vurdering",
  proposed_money: "vurdering",
};

/** The result of OCR repair of one stretch of raw text. */
export type RepairedSegment = { text: string; offsets: OffsetAnchors; changed: boolean };

/**
 * Repairs OCR damage in a stretch of text with `repairOcr`. Needs the Danish lexicon: callers
 * `await loadDanishLexicon()` once before parsing (repairOcr throws a clear error otherwise).
 */
export function repairSegment(raw: string): RepairedSegment {
  const repaired = repairOcr(raw);
  return { text: repaired.text, offsets: repaired.offsets, changed: repaired.changes.length > 0 };
}

/** Options of the parser; `repair` is injectable so tests and callers can swap the OCR repair. */
export type AnnexCardsOptions = { repair?: (raw: string) => RepairedSegment };

type Line = SourceLine;

/** A piece of raw text that goes into a section; fragments are joined with "\n". */
type Fragment = { start: number; end: number };

type SectionDraft = { kind: CardSectionKind; headingSpan: Span | undefined; fragments: Fragment[] };

/** Whether a raw text looks like the 2026 annex layout. */
export function detectAnnexCards(source: string): boolean {
  const lines = splitSourceLines(source);
  const headers = lines.filter((line) => PAGE_HEADER.test(line.text)).length;
  return headers >= 1 && LEFT_HALF.test(source) && RIGHT_HALF.test(source) && MONEY_HEADING.test(source);
}

/** Parses the 2026 annex into cards (figures and tables are left empty for the pipeline). */
export function parseAnnexCards(source: string, document: CorpusDocument, options: AnnexCardsOptions = {}): LayoutParse {
  const repair = options.repair ?? repairSegment;
  if (source.trim() === "") {
    throw new CorpusError("corpus_empty", `"${document.source}" is empty; expected the 2026 annex layout (${ANNEX_CARDS_LAYOUT}).`, { details: { documentId: document.id } });
  }
  if (!detectAnnexCards(source)) {
    throw new CorpusError(
      "layout_mismatch",
      `"${document.source}" is not in the ${ANNEX_CARDS_LAYOUT} layout: expected cards that open with the page header "Københavns Kommune" and have the halves "Beskrivelse af udløb" and "Faglig vurdering af videreførelse".`,
      { details: { documentId: document.id, layout: ANNEX_CARDS_LAYOUT } },
    );
  }
  const lines = splitSourceLines(source);
  const headerIndexes = lines.filter((line) => PAGE_HEADER.test(line.text)).map((line) => line.index);
  const cards: Card[] = [];
  let group: string | undefined;
  let expectedNumber = 1;
  for (const [position, headerIndex] of headerIndexes.entries()) {
    const nextHeader = headerIndexes[position + 1] ?? lines.length;
    let body = lines.slice(headerIndex + 1, nextHeader);
    // A group heading between two cards belongs to the cards after it, not to this card's text.
    const groupAt = body.findIndex((line) => GROUP_START.test(line.text));
    let nextGroup: string | undefined;
    if (groupAt !== -1) {
      const groupLines: Line[] = [];
      for (const line of body.slice(groupAt)) {
        if (line.text.trim() === "") break;
        groupLines.push(line);
      }
      nextGroup = repair(groupLines.map((line) => line.text.trim()).join(" ")).text.replace(/\bB[lI1|]{1,2}U\b/g, "BIU");
      body = body.slice(0, groupAt);
    }
    const header = lines[headerIndex];
    if (header === undefined) continue;
    const card = parseCard(header, body, { document, ordinal: position + 1, expectedNumber, group, repair, source });
    cards.push(card);
    expectedNumber = (card.number ?? expectedNumber) + 1;
    if (nextGroup !== undefined) group = nextGroup;
  }
  if (cards.length === 0) {
    throw new CorpusError("layout_mismatch", `"${document.source}" has no cards of the ${ANNEX_CARDS_LAYOUT} layout.`, { details: { documentId: document.id } });
  }
  return { cards, tables: [] };
}

type CardContext = {
  document: CorpusDocument;
  ordinal: number;
  expectedNumber: number;
  group: string | undefined;
  repair: (raw: string) => RepairedSegment;
  source: string;
};

function parseCard(header: Line, body: Line[], context: CardContext): Card {
  const { document, repair, source } = context;
  const flags = new Set<CardFlag>();
  const halfAt = body.findIndex((line) => LEFT_HALF.test(line.text) || RIGHT_HALF.test(line.text));
  const preamble = halfAt === -1 ? body : body.slice(0, halfAt);
  const numberLineAt = preamble.findIndex((line) => NUMBER_LINE.test(line.text));

  // Number: as printed when legible and in sequence, else from the order of the cards.
  let number = context.expectedNumber;
  const numberLine = numberLineAt === -1 ? undefined : preamble[numberLineAt];
  if (numberLine === undefined) {
    flags.add("number_inferred");
  } else {
    const printed = NUMBER_LINE.exec(numberLine.text)?.[1] ?? "";
    if (!/^Nr\. \d+$/.test(numberLine.text.trim())) flags.add("number_ocr_repaired");
    if (/^\d+$/.test(printed) && Number(printed) === context.expectedNumber) {
      number = Number(printed);
    } else {
      flags.add("number_ocr_repaired");
    }
  }

  // Title: the lines with words before the number line (or before the halves).
  const titleLines = (numberLineAt === -1 ? preamble : preamble.slice(0, numberLineAt)).filter((line) => /\p{L}{2,}/u.test(line.text) && !PAGE_HEADER.test(line.text));
  const rawTitle = titleLines.map((line) => line.text.trim()).join(" ");
  const title = repair(rawTitle);
  if (title.changed) flags.add("ocr_repaired");

  const halves = body.slice(halfAt === -1 ? body.length : halfAt);
  const firstHalf = halves[0];
  const twoColumn = firstHalf !== undefined && LEFT_HALF.test(firstHalf.text) && RIGHT_HALF.test(firstHalf.text);
  let drafts: SectionDraft[];
  if (twoColumn) {
    flags.add("two_column");
    drafts = splitTwoColumns(halves.slice(1));
  } else {
    drafts = readOneColumn(halves);
  }

  const sections = drafts.map((draft) => buildSection(draft, source, repair));
  if (sections.some((section) => section.changed)) flags.add("ocr_repaired");
  const assessment = sections.find((section) => section.section.kind === "assessment");
  const decision = assessment === undefined ? "ukendt" : classifyDecision(assessment.section.text);

  const lastLine = [...body].reverse().find((line) => line.text.trim() !== "");
  const card: Card = {
    id: `${document.id}-${String(number).padStart(2, "0")}`,
    documentId: document.id,
    number,
    ordinal: context.ordinal,
    title: title.text.replace(/\s+/g, " ").trim() || `Kort ${number}`,
    sections: sections.map((section) => section.section),
    decision,
    flags: [...flags],
    span: { start: header.start, end: lastLine?.end ?? header.end },
    figures: [],
  };
  if (rawTitle === "") card.flags.push("title_derived");
  if (context.group !== undefined) card.group = context.group;
  return card;
}

/** A heading pattern that must fill the whole (trimmed) line. */
const whole = (pattern: RegExp): RegExp => new RegExp(`^${pattern.source}$`);
const WHOLE_CONTENT_HEADING = whole(CONTENT_HEADING);
const WHOLE_RESULTS_HEADING = whole(RESULTS_HEADING);
const WHOLE_ASSESSMENT_HEADING = whole(ASSESSMENT_HEADING);
const WHOLE_MONEY_HEADING = whole(MONEY_HEADING);

/** The section kind a heading line opens, given the half the card is in. */
function headingKind(text: string, half: Half): CardSectionKind | undefined {
  const trimmed = text.trim();
  if (WHOLE_CONTENT_HEADING.test(trimmed)) return "content";
  if (WHOLE_RESULTS_HEADING.test(trimmed)) return "results";
  if (WHOLE_ASSESSMENT_HEADING.test(trimmed)) return "assessment";
  if (WHOLE_MONEY_HEADING.test(trimmed)) return half === "udløb" ? "expiring_money" : "proposed_money";
  return undefined;
}

/** Reads a card whose halves stand one below the other, each heading on its own line. */
function readOneColumn(lines: Line[]): SectionDraft[] {
  const drafts: SectionDraft[] = [];
  let half: Half = "udløb";
  let current: SectionDraft | undefined;
  for (const line of lines) {
    if (RIGHT_HALF.test(line.text)) {
      half = "vurdering";
      current = undefined;
      continue;
    }
    if (LEFT_HALF.test(line.text)) {
      half = "udløb";
      current = undefined;
      continue;
    }
    const kind = headingKind(line.text, half);
    if (kind !== undefined) {
      current = { kind, headingSpan: { start: line.start, end: line.end }, fragments: [] };
      drafts.push(current);
      continue;
    }
    if (line.text.trim() === "" || PAGE_HEADER.test(line.text)) continue;
    if (current === undefined) {
      // Body text with no heading of its own ("Afventer afklaring").
      current = { kind: half === "udløb" ? "content" : "assessment", headingSpan: undefined, fragments: [] };
      drafts.push(current);
    }
    current.fragments.push(trimmedFragment(line));
  }
  return drafts;
}

function trimmedFragment(line: Line, from = 0, to = line.text.length): Fragment {
  const piece = line.text.slice(from, to);
  const lead = piece.length - piece.trimStart().length;
  const trail = piece.length - piece.trimEnd().length;
  return { start: line.start + from + lead, end: line.start + to - trail };
}

// ---------------------------------------------------------------------------------------------
// Two columns merged line by line.

/**
 * How a fragment ends: a finished sentence or heading, mid-sentence, a hyphen, "mio." (expects
 * "kr."), or an abbreviation that may or may not end the sentence ("m.v.", "ca.").
 */
type EndType = "end" | "open" | "hyphen" | "mio" | "abbreviation" | "heading";
/** How a fragment starts. */
type StartType = "upper" | "lower" | "kr" | "suspended" | "bullet" | "digit";

/** Typical width of a column in characters of this OCR. */
const LEFT_WIDTH = 80;
const RIGHT_WIDTH = 84;

const ABBREVIATION_END = /(?:^|[\s(])(?:ca|bl\.a|fx|mhp|m\.v|pr|dvs|jf|nr|vedr|ift|inkl|evt|tidl|kr|mm|pct|mio|o\.l|f\.eks|ad|stk|kl)\.$/i;

function endType(text: string): EndType {
  const trimmed = text.trimEnd();
  if (/\bmio\.$/.test(trimmed)) return "mio";
  if (ABBREVIATION_END.test(trimmed)) return "abbreviation";
  if (/[.:;!?]["”’)]?$/.test(trimmed)) return "end";
  if (/-$/.test(trimmed)) return "hyphen";
  return "open";
}

const DATE_START = /^\d{1,2}\.\s+(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b/u;

function startType(text: string): StartType {
  const trimmed = text.trimStart();
  if (/^kr\./.test(trimmed)) return "kr";
  if (/^(?:og|eller)\s/.test(trimmed)) return "suspended";
  if (/^(?:[•*]\s|[o.]\s+\p{Lu}|\d+\.\s+\p{Lu})/u.test(trimmed)) return "bullet";
  if (/^\|\s/.test(trimmed)) return "upper";
  if (/^\(/.test(trimmed)) return "digit";
  // A date ("1. februar 2026") never opens a sentence: it continues one ("pr. 1. februar").
  if (DATE_START.test(trimmed)) return "lower";
  const first = /[\p{L}\d]/u.exec(trimmed)?.[0] ?? "";
  if (/\d/.test(first)) return "digit";
  if (/\p{Lu}/u.test(first)) return "upper";
  return "lower";
}

/** Penalty (zero or negative) for one fragment following another in the same column. */
function continuity(previous: EndType, next: StartType): number {
  if (next === "kr") return previous === "mio" ? 3 : -3;
  switch (previous) {
    case "end":
    case "heading":
      return next === "lower" || next === "suspended" ? -3 : 0;
    case "open":
      return next === "upper" ? -1 : 0;
    case "hyphen":
      return next === "suspended" ? 1 : next === "lower" ? 0 : -1.5;
    case "mio":
      return next === "upper" || next === "bullet" ? -1 : -0.5;
    case "abbreviation":
      return next === "digit" ? 0 : -0.3;
  }
}

/**
 * Penalty for a column fragment whose line part is `length` characters wide: columns are ragged
 * right, so a fragment that does not end a paragraph should come close to the column width.
 */
function widthPenalty(length: number, width: number, ending: EndType): number {
  const paragraphEnd = ending === "end" || ending === "abbreviation";
  if (length > width + 6) return (length - width - 6) * 0.5 + 0.3;
  if (length < width - 14) return paragraphEnd ? 0.5 : (width - 14 - length) * 0.2 + 0.5;
  return paragraphEnd && length < width - 8 ? 0.5 : Math.abs(length - width) * 0.03;
}

/** Whether a sentence ends inside a fragment and a lower-case word follows: a sign of a wrong break. */
function hasLowerAfterFullStop(text: string): boolean {
  for (const match of text.matchAll(/(\S+)[.!?]\s+\p{Ll}/gu)) {
    const word = match[1] ?? "";
    if (/\p{L}{2,}/u.test(word) && !ABBREVIATION_END.test(` ${word}.`)) return true;
  }
  return false;
}

/** Danish words that are capitalised only when they open a sentence. */
const SENTENCE_OPENERS = new Set("Der Det Den De Da Hvis Som Og Men Samtidig Herefter Derudover Dette".split(" "));

/**
 * Whether a fragment has a sentence opener ("Der", "Hvis") capitalised after a word that ends no
 * sentence: the mirror of `hasLowerAfterFullStop`, a sign that a break took the start of the other
 * column's sentence ("… juli | 2026 Der vil fortsat …").
 */
function hasOpenerInsideSentence(text: string): boolean {
  for (const match of text.matchAll(/(\S+)\s+(\p{Lu}\p{Ll}*)/gu)) {
    if (SENTENCE_OPENERS.has(match[2] ?? "") && !/[.:;!?"”)]$/u.test(match[1] ?? "")) return true;
  }
  return false;
}

/** Prior cost of reading a line as right column only, and of breaking a line in two. */
const RIGHT_ONLY_COST = 1.5;
const SPLIT_COST = 0.5;

/** Weak cues of which half a sentence belongs to. */
function rightCue(text: string): number {
  let score = 0;
  if (/^\s*(?:[\p{L}]+\s+)?(?:og\s+\p{L}+\s+)?faglige\s+vurdering\s+er\b/u.test(text) || /^\s*Forvaltningens\s+faglige\s+vurdering/.test(text)) score += 5;
  if (/^\s*\d+(?:[.,]\d+)?\s*-?\s*mio\./.test(text)) score += 1.5;
  return score;
}

type Item = {
  line: Line;
  /** Left heading at the start of the line, and where the rest begins. */
  leftHeading: { kind: CardSectionKind; span: Span } | undefined;
  rightHeading: { kind: CardSectionKind; span: Span } | undefined;
  /** The text between the headings, as offsets into the line text (may be empty). */
  middle: { from: number; to: number };
};

type Choice = { kind: "left" } | { kind: "right" } | { kind: "split"; at: number };

/** A left-half heading at the start of a line, and a right-half heading at its end. */
const LEADING_HEADING = new RegExp(`^\\s*(?:${CONTENT_HEADING.source}|${RESULTS_HEADING.source}|${MONEY_HEADING.source})`);
const TRAILING_HEADING = new RegExp(`(?:${ASSESSMENT_HEADING.source}|${MONEY_HEADING.source})\\s*$`);

function readItem(line: Line, leftHasMoney: boolean): Item {
  const text = line.text;
  let from = 0;
  let to = text.length;
  let leftHeading: Item["leftHeading"];
  let rightHeading: Item["rightHeading"];
  const lead = LEADING_HEADING.exec(text);
  const trail = TRAILING_HEADING.exec(text);
  const standalone = trail !== null && lead !== null && lead.index === trail.index && text.trim().length === lead[0].trim().length;
  if (standalone) {
    // A heading alone on its line: Økonomi belongs to the left half until the left has had one.
    const isMoney = MONEY_HEADING.test(text);
    const span = { start: line.start + text.search(/\S/), end: line.start + text.trimEnd().length };
    if (isMoney && !leftHasMoney) leftHeading = { kind: "expiring_money", span };
    else if (isMoney) rightHeading = { kind: "proposed_money", span };
    else if (ASSESSMENT_HEADING.test(text)) rightHeading = { kind: "assessment", span };
    else leftHeading = { kind: CONTENT_HEADING.test(text) ? "content" : "results", span };
    return { line, leftHeading, rightHeading, middle: { from: text.length, to: text.length } };
  }
  if (lead !== null) {
    const headingText = lead[0];
    const kind: CardSectionKind = CONTENT_HEADING.test(headingText) ? "content" : RESULTS_HEADING.test(headingText) ? "results" : "expiring_money";
    const start = text.search(/\S/);
    leftHeading = { kind, span: { start: line.start + start, end: line.start + lead[0].length } };
    from = lead[0].length;
  }
  if (trail !== null && trail.index >= from) {
    const kind: CardSectionKind = ASSESSMENT_HEADING.test(trail[0]) ? "assessment" : "proposed_money";
    rightHeading = { kind, span: { start: line.start + trail.index, end: line.start + text.trimEnd().length } };
    to = trail.index;
  }
  return { line, leftHeading, rightHeading, middle: { from, to } };
}

/** Word boundaries inside the middle of an item where the left column may end. */
function splitPoints(item: Item): number[] {
  const points: number[] = [];
  const text = item.line.text;
  const pattern = /\s+/g;
  let match: RegExpExecArray | null;
  const middle = text.slice(0, item.middle.to);
  pattern.lastIndex = item.middle.from;
  while ((match = pattern.exec(middle)) !== null) {
    const at = match.index + match[0].length;
    if (match.index > item.middle.from && at < item.middle.to && text.slice(item.middle.from, match.index).trim() !== "") points.push(at);
  }
  return points;
}

/** A path of the search: how each column ends, its score, its choices, the right column's last fragment. */
type State = {
  left: EndType;
  right: EndType;
  score: number;
  choices: Choice[];
  rightText: string;
  /** Width of each column's last fragment (0 after a heading), to check the next word would not have fit. */
  leftWidth: number;
  rightWidth: number;
};

const lastWord = (text: string): string => /(\p{L}+)\P{L}*$/u.exec(text)?.[1]?.toLowerCase() ?? "";
const firstWord = (text: string): string => /^\P{L}*(\p{L}+)/u.exec(text)?.[1]?.toLowerCase() ?? "";

/** Penalty for a column that ends the card mid-sentence or with an empty section. */
function closing(end: EndType): number {
  return end === "end" || end === "abbreviation" ? 0 : end === "heading" ? -2 : -1.5;
}

/** The ways one line can be read, each with its score and how the two columns then end. */
type Option = { choice: Choice; score: number; left: EndType; right: EndType; rightText: string; leftWidth: number; rightWidth: number };

/**
 * Columns are ragged right: a line that stops mid-sentence stops because the next word did not
 * fit. Penalises a previous fragment that was short although the next fragment's first word fits.
 */
function wrapPenalty(previousEnd: EndType, previousWidth: number, next: string, width: number): number {
  if (previousWidth === 0 || previousEnd === "end" || previousEnd === "heading" || previousEnd === "abbreviation") return 0;
  const fit = previousWidth + 1 + (/^\s*(\S+)/.exec(next)?.[1]?.length ?? 0);
  return fit < width - 6 ? (width - 6 - fit) * 0.15 : 0;
}

function scoreOptions(item: Item, state: State): Option[] {
  const text = item.line.text;
  const { from, to } = item.middle;
  const leftBefore: EndType = item.leftHeading === undefined ? state.left : "heading";
  const rightAfterHeading = (end: EndType): EndType => (item.rightHeading === undefined ? end : "heading");
  if (text.slice(from, to).trim() === "") {
    return [
      {
        choice: { kind: "left" },
        score: 0,
        left: leftBefore,
        right: rightAfterHeading(state.right),
        rightText: item.rightHeading === undefined ? state.rightText : "",
        leftWidth: item.leftHeading === undefined ? state.leftWidth : 0,
        rightWidth: item.rightHeading === undefined ? state.rightWidth : 0,
      },
    ];
  }
  const candidates: Choice[] = [{ kind: "left" }, { kind: "right" }, ...splitPoints(item).map((at): Choice => ({ kind: "split", at }))];
  return candidates.map((choice) => {
    const cut = choice.kind === "left" ? to : choice.kind === "right" ? from : choice.at;
    const leftText = text.slice(from, cut);
    const rightText = text.slice(cut, to);
    let score = choice.kind === "right" ? -RIGHT_ONLY_COST : choice.kind === "split" ? -SPLIT_COST : 0;
    let left = leftBefore;
    let right = state.right;
    let leftWidth = item.leftHeading === undefined ? state.leftWidth : 0;
    let rightWidth = state.rightWidth;
    if (leftText.trim() !== "") {
      score += continuity(left, startType(leftText));
      score -= wrapPenalty(left, leftWidth, leftText, LEFT_WIDTH);
      left = endType(leftText);
      leftWidth = text.slice(0, cut).trimEnd().length;
      score -= widthPenalty(leftWidth, LEFT_WIDTH, left);
    }
    if (rightText.trim() !== "") {
      score += continuity(right, startType(rightText));
      score -= wrapPenalty(right, rightWidth, rightText, RIGHT_WIDTH);
      rightWidth = rightText.trim().length;
      if (lastWord(state.rightText) !== "" && lastWord(state.rightText) === firstWord(rightText)) score -= 1;
      right = endType(rightText);
      score += rightCue(rightText);
      score -= widthPenalty(rightText.trim().length, RIGHT_WIDTH, right);
    }
    if (choice.kind === "split" && (/\s[^\p{L}\d\s|]+\s*$/u.test(leftText) || /^[^\p{L}\d\s|]+\s/u.test(rightText))) {
      // A lone punctuation token at the break is the gap between the columns.
      score += 1;
    }
    if (choice.kind === "split" && startType(rightText) === "bullet") score += 1;
    if (choice.kind === "split" && endType(leftText) === "abbreviation") score -= 0.7;
    if (hasLowerAfterFullStop(leftText)) score -= 2;
    if (hasLowerAfterFullStop(rightText)) score -= 2;
    if (hasOpenerInsideSentence(leftText)) score -= 2;
    if (hasOpenerInsideSentence(rightText)) score -= 2;
    const lastRight = rightText.trim() === "" ? state.rightText : rightText;
    return {
      choice,
      score,
      left,
      right: rightAfterHeading(right),
      rightText: item.rightHeading === undefined ? lastRight : "",
      leftWidth,
      rightWidth: item.rightHeading === undefined ? rightWidth : 0,
    };
  });
}

/**
 * Splits the lines of a two-column card into the sections of its halves. Every merged line
 * either belongs to one column or breaks at a word boundary; the search picks, for the whole card,
 * the breaks that best keep each column's sentences continuous (a finished sentence is followed
 * by a capital, an unfinished one by a lower-case word, "mio." by "kr."), keep column widths
 * plausible, and start the assessment at "Forvaltningens faglige vurdering".
 */
function splitTwoColumns(lines: Line[]): SectionDraft[] {
  const items: Item[] = [];
  let leftHasMoney = false;
  for (const line of lines) {
    if (line.text.trim() === "" || PAGE_HEADER.test(line.text)) continue;
    const item = readItem(line, leftHasMoney);
    if (item.leftHeading?.kind === "expiring_money") leftHasMoney = true;
    items.push(item);
  }
  if (items.every((item) => item.leftHeading === undefined && item.rightHeading === undefined)) {
    // No subheadings at all ("Afventer afklaring"): the card's only text is its assessment.
    return [{ kind: "assessment", headingSpan: undefined, fragments: items.map((item) => trimmedFragment(item.line)) }];
  }

  // Viterbi over (how the left column ends, how the right column ends).
  let states = new Map<string, State>([["heading|heading", { left: "heading", right: "heading", score: 0, choices: [], rightText: "", leftWidth: 0, rightWidth: 0 }]]);
  for (const item of items) {
    const next = new Map<string, State>();
    for (const state of states.values()) {
      for (const option of scoreOptions(item, state)) {
        const key = `${option.left}|${option.right}`;
        const score = state.score + option.score;
        const existing = next.get(key);
        if (existing === undefined || existing.score < score) {
          next.set(key, { left: option.left, right: option.right, score, choices: [...state.choices, option.choice], rightText: option.rightText, leftWidth: option.leftWidth, rightWidth: option.rightWidth });
        }
      }
    }
    states = next;
  }
  const finalScore = (state: State): number => state.score + closing(state.left) + closing(state.right);
  let best: State | undefined;
  for (const state of states.values()) {
    if (best === undefined || finalScore(state) > finalScore(best)) best = state;
  }
  const choices = best?.choices ?? [];

  // Replay the choices into sections.
  const drafts: SectionDraft[] = [];
  let left: SectionDraft | undefined;
  let right: SectionDraft | undefined;
  const open = (kind: CardSectionKind, span: Span | undefined): SectionDraft => {
    const draft: SectionDraft = { kind, headingSpan: span, fragments: [] };
    drafts.push(draft);
    return draft;
  };
  for (const [index, item] of items.entries()) {
    const choice = choices[index] ?? { kind: "left" };
    const { line } = item;
    if (item.leftHeading !== undefined) left = open(item.leftHeading.kind, item.leftHeading.span);
    const middle = line.text.slice(item.middle.from, item.middle.to);
    if (middle.trim() !== "") {
      if (choice.kind === "left") {
        left ??= open("content", undefined);
        left.fragments.push(trimmedFragment(line, item.middle.from, item.middle.to));
      } else if (choice.kind === "right") {
        right ??= open("assessment", undefined);
        right.fragments.push(trimmedFragment(line, item.middle.from, item.middle.to));
      } else {
        left ??= open("content", undefined);
        left.fragments.push(trimmedFragment(line, item.middle.from, choice.at));
        right ??= open("assessment", undefined);
        right.fragments.push(trimmedFragment(line, choice.at, item.middle.to));
      }
    }
    if (item.rightHeading !== undefined) right = open(item.rightHeading.kind, item.rightHeading.span);
  }
  // Left-half sections first, in reading order, then the right half.
  return [...drafts.filter((draft) => HALF_OF[draft.kind] === "udløb"), ...drafts.filter((draft) => HALF_OF[draft.kind] === "vurdering")];
}

// ---------------------------------------------------------------------------------------------
// Sections: text assembled from raw fragments, repaired, with anchors composed back to the raw.

function buildSection(draft: SectionDraft, source: string, repair: (raw: string) => RepairedSegment): { section: Section; changed: boolean } {
  let assembled = "";
  const assembledAnchors: OffsetAnchors = [];
  for (const fragment of draft.fragments) {
    if (assembled !== "") assembled += "\n";
    assembledAnchors.push([assembled.length, fragment.start]);
    assembled += source.slice(fragment.start, fragment.end);
  }
  const repaired = assembled === "" ? { text: "", offsets: [[0, 0]] as OffsetAnchors, changed: false } : repair(assembled);
  const offsets = composeAnchors(repaired.offsets, assembledAnchors, draft.headingSpan?.end ?? draft.fragments[0]?.start ?? 0);
  const starts = [draft.headingSpan?.start, ...draft.fragments.map((fragment) => fragment.start)].filter((value): value is number => value !== undefined);
  const ends = [draft.headingSpan?.end, ...draft.fragments.map((fragment) => fragment.end)].filter((value): value is number => value !== undefined);
  const section: Section = {
    kind: draft.kind,
    heading: draft.headingSpan === undefined ? "" : HEADINGS[draft.kind],
    text: repaired.text,
    span: { start: Math.min(...starts), end: Math.max(...ends) },
    offsets,
    half: HALF_OF[draft.kind],
  };
  return { section, changed: repaired.changed };
}

/** Maps an offset of the assembled text back through the repair's anchors (inverse, piecewise). */
function repairedOffsetOf(repairAnchors: OffsetAnchors, assembledOffset: number): number {
  let best: readonly [number, number] = [0, 0];
  for (const anchor of repairAnchors) {
    if (anchor[1] <= assembledOffset) best = anchor;
    else break;
  }
  return best[0] + (assembledOffset - best[1]);
}

function assembledToRaw(anchors: OffsetAnchors, offset: number): number {
  let best: readonly [number, number] = anchors[0] ?? [0, 0];
  for (const anchor of anchors) {
    if (anchor[0] <= offset) best = anchor;
    else break;
  }
  return best[1] + (offset - best[0]);
}

/**
 * Composes repaired-text → assembled-text anchors with assembled-text → raw anchors: one anchor at
 * each repair anchor and one at each fragment start, sorted and deduplicated by text offset.
 */
function composeAnchors(repairAnchors: OffsetAnchors, assembledAnchors: OffsetAnchors, emptyRaw: number): OffsetAnchors {
  if (assembledAnchors.length === 0) return [[0, emptyRaw]];
  const byText = new Map<number, number>();
  for (const [textOffset, assembledOffset] of repairAnchors) byText.set(textOffset, assembledToRaw(assembledAnchors, assembledOffset));
  for (const [assembledOffset, rawOffset] of assembledAnchors) byText.set(repairedOffsetOf(repairAnchors, assembledOffset), rawOffset);
  return [...byText.entries()].sort((a, b) => a[0] - b[0]);
}

/** The layout parser of the 2026 annex. */
export const annexCardsParser: LayoutParser = {
  layout: ANNEX_CARDS_LAYOUT,
  detect: detectAnnexCards,
  prepare: async () => {
    await loadDanishLexicon();
  },
  parse: (source, document) => parseAnnexCards(source, document),
};
