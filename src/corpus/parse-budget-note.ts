/**
 * Layout parser for budget notes ("budget-note"): BI07 (Budget 2023) and BI26 (Budget 2025).
 * A note is one card: a code line ("BI07 Specifik udfordring: …"), then the headings Baggrund,
 * Indhold, Forventet effekt og opfølgning, Økonomi, Risikovurdering og proces,
 * Bevillingstekniske oplysninger, Øvrige tekniske oplysninger, Tidligere afsatte midler and
 * Forslag til aftaletekst, each on a line of its own. Section text rejoins words hyphenated
 * across line ends, drops page footers ("Budget 2025 3/7") and footnote markers, moves footnote
 * bodies to the end of their section, and keeps anchors back to the raw source. The tables of
 * Økonomi, Bevillingstekniske oplysninger and Tidligere afsatte midler are read into
 * `BudgetTable`s, one row per activity, as the PDF-to-text flattening left them.
 */
import type { Area, BudgetTable, Card, CorpusDocument, MoneyUnit, OffsetAnchors, Section, SectionKind, Span, TableRow } from "../domain/index.ts";
import { CorpusError } from "../errors/errors.ts";
import type { LayoutParse, LayoutParser } from "./layout-parser.ts";
import { parseTableNumber } from "./parse-table-number.ts";
import { readPriceLevel, readUnitNamed } from "../money/index.ts";
import { splitSourceLines } from "./source-lines.ts";

const LAYOUT = "budget-note";

/** "BI07 Specifik udfordring: …": the note's code, then its title. */
const CODE_LINE = /^([A-ZÆØÅ]{1,4}\d{1,3}[A-Za-z]?)\s+(\S.*)$/u;

const SECTION_HEADINGS: ReadonlyArray<readonly [string, SectionKind]> = [
  ["baggrund", "background"],
  ["indhold", "content"],
  ["forventet effekt og opfølgning", "expected_effect"],
  ["økonomi", "economy"],
  ["risikovurdering og proces", "risk"],
  ["bevillingstekniske oplysninger", "technical"],
  ["øvrige tekniske oplysninger", "other_technical"],
  ["tidligere afsatte midler", "previous_funding"],
  ["forslag til aftaletekst", "agreement_text"],
];
const HEADING_KINDS = new Map<string, SectionKind>(SECTION_HEADINGS);
/** A note needs this many of the known headings to count as a budget note. */
const MIN_HEADINGS = 3;

/** Page footers of the PDF export: "Budget 2025 3/7". */
const PAGE_FOOTER = /^(?:Budget(?:notat)?\s+\d{4}\s+\d{1,3}\s*\/\s*\d{1,3}|Side\s+\d{1,3}\s+(?:af|\/)\s+\d{1,3})$/iu;
/** Table captions: "Tabel 2 – Oversigt over …", "Tabel 3. Udgifter til service". */
const TABLE_CAPTION = /^Tabel\s+\d{1,2}\s*[.:–-]/u;
/** Words after a line-end hyphen that show it is a real "X- og Y" hyphen, not a split word. */
const CONJUNCTIONS = new Set(["og", "eller", "samt", "til", "mv", "m.v.", "henholdsvis", "hhv"]);
const AREA_WORDS = new Map<string, Area>([
  ["service", "service"],
  ["indsats", "indsats"],
  ["overførsler", "overførsler"],
  ["anlæg", "anlæg"],
]);
/** "Serviceudgifter i alt", "Anlægsudgifter": a row label that names its area. */
const AREA_PREFIX = /^(service|indsats|overførsels|anlægs)(?:udgifter|midler)/iu;
/** "Udgifter til service": a caption that names the area of all its rows. */
const CAPTION_AREA = /\b(?:udgifter\s+til|midler\s+til|på)\s+(service|indsats|overførsler|anlæg)\b/iu;
const TOTAL_LABEL = /\bi\s+alt\b|^total\b/iu;
const COMMITTEE = /^[A-ZÆØÅ]{2,5}$/u;
const APPROPRIATION = /^\d{2,4}(?:\.\d{1,3})?$/u;

/** One raw line: `[start, end)` excludes the newline. */
type Line = { start: number; end: number; text: string };

/** The code line may follow a few header lines ("Budget 2025"); it must come before any heading. */
const CODE_LINE_WITHIN = 5;

/** Whether a text looks like a budget note: a code line at the top, and headings of its own. */
export function detectBudgetNote(source: string): boolean {
  const lines = splitSourceLines(source);
  return findCodeLine(lines) !== undefined && headingLines(lines).length >= MIN_HEADINGS;
}

/** The index of the code line among the first non-blank lines, before the first heading. */
function findCodeLine(lines: readonly Line[]): number | undefined {
  let seen = 0;
  for (let index = 0; index < lines.length && seen < CODE_LINE_WITHIN; index += 1) {
    const text = lines[index]?.text.trim() ?? "";
    if (text === "") continue;
    if (HEADING_KINDS.has(normalizeHeading(text))) return undefined;
    if (CODE_LINE.test(text)) return index;
    seen += 1;
  }
  return undefined;
}

/** Parses a budget note into one card and its tables (figures left empty for the pipeline). */
export function parseBudgetNote(source: string, document: CorpusDocument): LayoutParse {
  if (source.trim() === "") {
    throw new CorpusError("corpus_empty", `Document "${document.id}" is empty; a budget note needs a code line and its sections.`, {
      details: { documentId: document.id, layout: LAYOUT },
    });
  }
  const lines = splitSourceLines(source);
  const titleStart = findCodeLine(lines);
  const codeMatch = titleStart === undefined ? null : CODE_LINE.exec(lines[titleStart]?.text.trim() ?? "");
  const headings = headingLines(lines);
  if (titleStart === undefined || codeMatch === null || headings.length < MIN_HEADINGS) {
    const firstText = lines.find((line) => line.text.trim() !== "")?.text.trim() ?? "";
    const found = codeMatch === null ? `no note code was found (it begins "${firstText.slice(0, 60)}")` : `only ${headings.length} of the headings were found`;
    throw new CorpusError(
      "layout_mismatch",
      `Document "${document.id}" is not a budget note: expected a line with a note code such as "BI07 …" at the top and at least ${MIN_HEADINGS} of the headings Baggrund, Indhold, Økonomi, Risikovurdering og proces, Bevillingstekniske oplysninger … on lines of their own, but ${found}.`,
      { details: { documentId: document.id, layout: LAYOUT } },
    );
  }
  const code = codeMatch[1] ?? "";
  const cardId = `${code.toLowerCase()}-${document.year}`;

  // Title: the code line and the lines after it, up to a blank line or the first heading.
  const firstHeading = headings[0]?.index ?? lines.length;
  let titleEnd = titleStart;
  while (titleEnd + 1 < firstHeading && (lines[titleEnd + 1]?.text.trim() ?? "") !== "") titleEnd += 1;
  const vocabulary = hyphenVocabulary(lines);
  const titleText = joinLines(
    lines.slice(titleStart, titleEnd + 1).map((line) => ({ content: line.text.trim(), bare: line.text.endsWith("-") })),
    vocabulary,
  );
  const title = titleText.slice(code.length).trim();

  const removed = removedLines(lines, headings);
  const sections: Section[] = [];
  const tables: BudgetTable[] = [];

  const preambleStart = titleEnd + 1;
  if (lines.slice(preambleStart, firstHeading).some((line, offset) => line.text.trim() !== "" && !removed.lines.has(preambleStart + offset))) {
    sections.push(buildSection(source, lines, "other", "", preambleStart, preambleStart, firstHeading, removed, vocabulary));
  }
  headings.forEach((heading, position) => {
    const bodyEnd = headings[position + 1]?.index ?? lines.length;
    const section = buildSection(source, lines, heading.kind, heading.heading, heading.index, heading.index + 1, bodyEnd, removed, vocabulary);
    sections.push(section);
    if (heading.kind === "economy" || heading.kind === "technical" || heading.kind === "previous_funding") {
      const kind = heading.kind === "economy" ? "economy" : heading.kind === "technical" ? "technical" : "other";
      for (const region of tableRegions(lines, heading.index + 1, bodyEnd, removed)) {
        const table = readTable(source, lines, region, kind, heading.heading, removed, vocabulary, document);
        if (table !== undefined) tables.push({ ...table, id: `${cardId}-t${tables.length + 1}`, cardId });
      }
    }
  });
  markContinuations(tables);

  const titleSpanStart = (lines[titleStart]?.start ?? 0) + leadingSpace(lines[titleStart]?.text ?? "");
  const lastSection = sections.at(-1);
  const card: Card = {
    id: cardId,
    documentId: document.id,
    ordinal: 1,
    title: title === "" ? titleText : title,
    sections,
    decision: "ukendt",
    flags: [],
    span: { start: titleSpanStart, end: lastSection === undefined ? trimmedEnd(source, titleSpanStart, lines[titleEnd]?.end ?? source.length) : lastSection.span.end },
    figures: [],
  };
  return { cards: [card], tables };
}

export const budgetNoteParser: LayoutParser = {
  layout: LAYOUT,
  detect: detectBudgetNote,
  parse: parseBudgetNote,
};

// ---------------------------------------------------------------------------------------------
// Lines, headings, footers and footnotes

function normalizeHeading(text: string): string {
  return text.trim().replace(/\s+/gu, " ").toLowerCase();
}

type HeadingLine = { index: number; kind: SectionKind; heading: string };

/** The lines that are a known section heading, each kind taken once, in document order. */
function headingLines(lines: readonly Line[]): HeadingLine[] {
  const found: HeadingLine[] = [];
  const seen = new Set<SectionKind>();
  lines.forEach((line, index) => {
    const kind = HEADING_KINDS.get(normalizeHeading(line.text));
    if (kind === undefined || seen.has(kind)) return;
    seen.add(kind);
    found.push({ index, kind, heading: line.text.trim().replace(/\s+/gu, " ") });
  });
  return found;
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length;
}

function trimmedEnd(source: string, start: number, end: number): number {
  let cursor = end;
  while (cursor > start && /\s/u.test(source[cursor - 1] ?? "")) cursor -= 1;
  return cursor;
}

/** Lines left out of section text (page footers, footnote bodies), footnote bodies by line, and marker spans to drop. */
type Removed = {
  lines: Set<number>;
  /** Footnote body lines, in order, each footnote's lines together. */
  footnoteLines: number[];
  /** Raw spans of footnote markers ("kontanthjælpssystemet. 1", "NEET1-unge"), by line index. */
  markers: Map<number, Span[]>;
};

/**
 * Page footers and footnotes. A footnote body is a line "1 Siden 2017 …" after a blank line, with
 * footnotes numbered 1, 2, … through the note, and a marker for its number earlier in the text
 * (". 1" or ".2" at a line end, or a digit glued to an acronym: "NEET1-unge"). The body runs
 * until a blank line or the indented line where the page's text resumes.
 */
function removedLines(lines: readonly Line[], headings: readonly HeadingLine[]): Removed {
  const headingIndexes = new Set(headings.map((heading) => heading.index));
  const removed: Removed = { lines: new Set(), footnoteLines: [], markers: new Map() };
  lines.forEach((line, index) => {
    if (PAGE_FOOTER.test(line.text.trim())) removed.lines.add(index);
  });
  let next = 1;
  let searchFrom = 0;
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index];
    if (line === undefined || removed.lines.has(index) || headingIndexes.has(index)) continue;
    if ((lines[index - 1]?.text.trim() ?? "x") !== "") continue;
    if (!startsFootnote(line.text, next)) continue;
    const marker = findMarker(lines, searchFrom, index, next);
    if (marker === undefined) continue;
    addMarker(removed, marker.line, marker.span);
    // The body, and any footnotes that follow it directly.
    let cursor = index;
    let number = next;
    while (cursor < lines.length) {
      const text = lines[cursor]?.text ?? "";
      if (cursor !== index) {
        if (text.trim() === "" || /^\s+\S/u.test(text) || headingIndexes.has(cursor) || PAGE_FOOTER.test(text.trim())) break;
        if (startsFootnote(text, number + 1)) {
          const following = findMarker(lines, searchFrom, index, number + 1);
          if (following !== undefined) addMarker(removed, following.line, following.span);
          number += 1;
        }
      }
      removed.lines.add(cursor);
      removed.footnoteLines.push(cursor);
      cursor += 1;
    }
    next = number + 1;
    searchFrom = cursor;
    index = cursor - 1;
  }
  return removed;
}

function addMarker(removed: Removed, line: number, span: Span): void {
  const spans = removed.markers.get(line) ?? [];
  spans.push(span);
  removed.markers.set(line, spans);
}

function startsFootnote(text: string, number: number): boolean {
  return new RegExp(`^${number} [\\p{Lu}"”“’'(]`, "u").test(text);
}

/** The last marker for footnote `number` in lines `[from, to)`: its raw span, with the space before it. */
function findMarker(lines: readonly Line[], from: number, to: number, number: number): { line: number; span: Span } | undefined {
  const atLineEnd = new RegExp(`[\\p{L}.,;:)”’]( ?${number})\\s*$`, "du");
  const inAcronym = new RegExp(`\\p{Lu}{2,}(${number})(?=-)`, "du");
  for (let index = to - 1; index >= from; index -= 1) {
    const line = lines[index];
    if (line === undefined) continue;
    for (const pattern of [atLineEnd, inAcronym]) {
      const range = pattern.exec(line.text)?.indices?.[1];
      if (range === undefined) continue;
      return { line: index, span: { start: line.start + range[0], end: line.start + range[1] } };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Hyphenation

/** Word pairs joined by a hyphen inside a line ("med-indsats", "reconnect-indsats"): real hyphens. */
function hyphenVocabulary(lines: readonly Line[]): Set<string> {
  const pairs = new Set<string>();
  for (const line of lines) {
    for (const match of line.text.matchAll(/(?<=^|[^\p{L}\d])([\p{L}\d]+(?:-[\p{L}\d]+)+)/gu)) {
      const parts = (match[1] ?? "").toLowerCase().split("-");
      for (let part = 0; part + 1 < parts.length; part += 1) pairs.add(`${parts[part]}-${parts[part + 1]}`);
    }
  }
  return pairs;
}

function isRealHyphenPair(vocabulary: ReadonlySet<string>, left: string, right: string): boolean {
  const leftKey = left.toLowerCase();
  const rightKey = right.toLowerCase();
  for (const pair of vocabulary) {
    const [pairLeft = "", pairRight = ""] = pair.split("-");
    if (pairLeft !== leftKey || pairRight.length < 3 || rightKey.length < 3) continue;
    if (pairRight.startsWith(rightKey) || rightKey.startsWith(pairRight)) return true;
  }
  return false;
}

type LineJoin = "drop_hyphen" | "keep_hyphen" | "none";

/**
 * How a line that ends in a bare hyphen joins the next: "ud-" + "dannelse" drops the hyphen;
 * "med-" + "indsats" keeps it when the note writes "med-indsats" elsewhere; "KUI-" + "direktører",
 * "15-" + "29" and "(gen-" + ")etablering" keep it; "Beskæftigelses- " (space) + "og" is no join.
 */
function decideLineJoin(previous: string, bareHyphen: boolean, next: string, vocabulary: ReadonlySet<string>): LineJoin {
  if (!bareHyphen) return "none";
  const left = /([\p{L}\d]+)-$/u.exec(previous)?.[1];
  if (left === undefined) return "none";
  if (next.startsWith(")")) return "keep_hyphen";
  if (/^\d+$/u.test(left) && /^\d/u.test(next)) return "keep_hyphen";
  if (!/^\p{Ll}/u.test(next)) return "none";
  const nextWord = /^[\p{L}\d.]+/u.exec(next)?.[0] ?? "";
  if (CONJUNCTIONS.has(nextWord.replace(/\.$/u, "")) || CONJUNCTIONS.has(nextWord)) return "none";
  if (/^\p{Lu}[\p{Lu}\d]+$/u.test(left)) return "keep_hyphen";
  if (isRealHyphenPair(vocabulary, left, /^[\p{L}\d]+/u.exec(next)?.[0] ?? "")) return "keep_hyphen";
  return "drop_hyphen";
}

// ---------------------------------------------------------------------------------------------
// Section text

/** Builds a derived text and the anchors that map it back to the raw source. */
class AnchoredText {
  text = "";
  readonly anchors: OffsetAnchors = [];

  /** Appends `piece`, which stands for the raw source at `rawStart`. */
  push(piece: string, rawStart: number): void {
    if (piece === "") return;
    const last = this.anchors.at(-1);
    if (last === undefined || last[1] + (this.text.length - last[0]) !== rawStart) this.anchors.push([this.text.length, rawStart]);
    this.text += piece;
  }

  /** Takes back the last character written (a hyphen that turned out to split a word). */
  dropLast(): void {
    this.text = this.text.slice(0, -1);
    while ((this.anchors.at(-1)?.[0] ?? -1) >= this.text.length) this.anchors.pop();
  }
}

/** A kept line's content: its raw pieces (markers cut out), and how it meets the line before. */
type TextLine = { index: number; pieces: Span[]; gap: "soft" | "hard" | "removed" };

function buildSection(
  source: string,
  lines: readonly Line[],
  kind: SectionKind,
  heading: string,
  headingIndex: number,
  bodyStart: number,
  bodyEnd: number,
  removed: Removed,
  vocabulary: ReadonlySet<string>,
): Section {
  const headingLine = lines[headingIndex];
  const spanStart = heading === "" ? (lines[bodyStart]?.start ?? source.length) : (headingLine?.start ?? 0) + leadingSpace(headingLine?.text ?? "");
  const bodyIndexes: number[] = [];
  for (let index = bodyStart; index < bodyEnd; index += 1) bodyIndexes.push(index);
  const flowLines = textLines(source, lines, bodyIndexes.filter((index) => !removed.lines.has(index)), bodyIndexes, removed);
  const footnoteIndexes = removed.footnoteLines.filter((index) => index >= bodyStart && index < bodyEnd);
  const footnoteLines = textLines(source, lines, footnoteIndexes, footnoteIndexes, removed);
  const builder = new AnchoredText();
  writeLines(builder, source, lines, flowLines, vocabulary);
  if (footnoteLines.length > 0) {
    const footnoteStart = footnoteLines[0]?.pieces[0]?.start ?? 0;
    if (builder.text !== "") builder.push("\n\n", Math.max(0, footnoteStart - 1));
    writeLines(builder, source, lines, footnoteLines, vocabulary);
  }
  // The span ends with the last line of text or footnote; a trailing page footer is left out.
  const footnotes = new Set(footnoteIndexes);
  const lastKept = bodyIndexes.findLast((index) => (lines[index]?.text.trim() ?? "") !== "" && (!removed.lines.has(index) || footnotes.has(index)));
  const end = lastKept === undefined ? (headingLine?.end ?? spanStart) : trimmedEnd(source, spanStart, lines[lastKept]?.end ?? spanStart);
  return {
    kind,
    heading,
    text: builder.text,
    span: { start: spanStart, end: Math.max(end, trimmedEnd(source, spanStart, headingLine?.end ?? spanStart)) },
    offsets: builder.anchors,
  };
}

/** The non-blank lines among `kept`, trimmed, markers cut out, each with the kind of gap before it. */
function textLines(source: string, lines: readonly Line[], kept: readonly number[], all: readonly number[], removed: Removed): TextLine[] {
  const keptSet = new Set(kept);
  const result: TextLine[] = [];
  let blanks = 0;
  let spaced = false;
  let dropped = false;
  for (const index of all) {
    const line = lines[index];
    if (line === undefined) continue;
    if (!keptSet.has(index)) {
      dropped = true;
      continue;
    }
    if (line.text.trim() === "") {
      blanks += 1;
      if (line.text !== "") spaced = true;
      continue;
    }
    const start = line.start + leadingSpace(line.text);
    const end = trimmedEnd(source, start, line.end);
    const pieces: Span[] = [];
    let cursor = start;
    for (const marker of [...(removed.markers.get(index) ?? [])].sort((a, b) => a.start - b.start)) {
      if (marker.start > cursor) pieces.push({ start: cursor, end: Math.min(marker.start, end) });
      cursor = Math.max(cursor, marker.end);
    }
    if (cursor < end) pieces.push({ start: cursor, end });
    if (pieces.length > 0) result.push({ index, pieces, gap: dropped ? "removed" : spaced || blanks >= 2 ? "hard" : "soft" });
    blanks = 0;
    spaced = false;
    dropped = false;
  }
  return result;
}

function lineContent(source: string, line: TextLine): string {
  return line.pieces.map((piece) => source.slice(piece.start, piece.end)).join("");
}

/** Writes lines: one text line per raw line, "\n\n" between paragraphs, hyphenated words rejoined. */
function writeLines(builder: AnchoredText, source: string, lines: readonly Line[], textLinesToWrite: readonly TextLine[], vocabulary: ReadonlySet<string>): void {
  let previous: TextLine | undefined;
  for (const line of textLinesToWrite) {
    const content = lineContent(source, line);
    if (previous !== undefined) {
      const previousContent = lineContent(source, previous);
      const previousEnd = previous.pieces.at(-1)?.end ?? 0;
      const rawLine = lines[previous.index];
      const bare = rawLine !== undefined && previousEnd === rawLine.end && previousContent.endsWith("-");
      const join = decideLineJoin(previousContent, bare, content, vocabulary);
      if (join === "drop_hyphen") {
        builder.dropLast();
      } else if (join === "none") {
        const separator = line.gap === "soft" ? "\n" : line.gap === "hard" ? "\n\n" : /[.:!?”"]$/u.test(previousContent) ? "\n\n" : "\n";
        builder.push(separator, previousEnd);
      }
    }
    for (const piece of line.pieces) builder.push(source.slice(piece.start, piece.end), piece.start);
    previous = line;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

type Token = { text: string; start: number; end: number; line: number };
type Region = { from: number; to: number; caption: string | undefined };

/** A unit a table is written in (thousands or millions), as the money grammar reads a header. */
const isTableUnit = (unit: MoneyUnit | undefined): boolean => unit === "1.000 kr." || unit === "mio. kr.";

/**
 * The table regions of a section body: from each caption line ("Tabel 2 – …") to the next; in a
 * section without captions, from the first line with a unit ("1.000 kr.") to the section's end.
 */
function tableRegions(lines: readonly Line[], from: number, to: number, removed: Removed): Region[] {
  const captions: number[] = [];
  for (let index = from; index < to; index += 1) {
    if (!removed.lines.has(index) && TABLE_CAPTION.test(lines[index]?.text.trim() ?? "")) captions.push(index);
  }
  if (captions.length === 0) {
    for (let index = from; index < to; index += 1) {
      if (!removed.lines.has(index) && isTableUnit(readUnitNamed(lines[index]?.text ?? ""))) return [{ from: index, to, caption: undefined }];
    }
    return [];
  }
  return captions.map((index, position) => ({ from: index, to: captions[position + 1] ?? to, caption: lines[index]?.text.trim().replace(/\s+/gu, " ") }));
}

function regionTokens(lines: readonly Line[], region: Region, removed: Removed): Token[] {
  const tokens: Token[] = [];
  for (let index = region.from; index < region.to; index += 1) {
    const line = lines[index];
    if (line === undefined || removed.lines.has(index)) continue;
    // "÷ 200" is one cell.
    for (const match of line.text.matchAll(/[÷−] ?\d[\d.,]*(?=\s|$)|\S+/gu)) {
      tokens.push({ text: match[0].replace(/^([÷−]) /u, "$1"), start: line.start + match.index, end: line.start + match.index + match[0].length, line: index });
    }
  }
  return tokens;
}

function isYear(text: string): boolean {
  return /^(?:19|20|21)\d\d$/u.test(text);
}

/** The header's year columns: the first run of two or more consecutive years. */
function findYearRun(tokens: readonly Token[]): { start: number; end: number; years: number[] } | undefined {
  for (let index = 0; index < tokens.length; index += 1) {
    const years: number[] = [];
    let cursor = index;
    while (cursor < tokens.length && isYear(tokens[cursor]?.text ?? "") && (years.length === 0 || Number(tokens[cursor]?.text) === (years.at(-1) ?? 0) + 1)) {
      years.push(Number(tokens[cursor]?.text));
      cursor += 1;
    }
    if (years.length >= 2) return { start: index, end: cursor, years };
  }
  return undefined;
}

const readUnit = (header: string): MoneyUnit | undefined => readUnitNamed(header);

function readTable(
  source: string,
  lines: readonly Line[],
  region: Region,
  kind: BudgetTable["kind"],
  sectionHeading: string,
  removed: Removed,
  vocabulary: ReadonlySet<string>,
  document: CorpusDocument,
): Omit<BudgetTable, "id" | "cardId"> | undefined {
  const tokens = regionTokens(lines, region, removed);
  const yearRun = findYearRun(tokens);
  const firstToken = tokens[0];
  if (yearRun === undefined || firstToken === undefined) return undefined;
  const header = source.slice(firstToken.start, tokens[yearRun.end - 1]?.end ?? firstToken.end).replace(/\s+/gu, " ");
  const unit = readUnit(header);
  if (unit === undefined) return undefined;
  const priceLevel = readPriceLevel(header);
  let bodyStart = yearRun.end;
  let hasTotal = false;
  const afterYears = tokens.slice(bodyStart, bodyStart + 2).map((token) => token.text.toLowerCase());
  if (afterYears[0] === "i" && afterYears[1] === "alt") {
    hasTotal = true;
    bodyStart += 2;
  } else if (afterYears[0] === "total") {
    hasTotal = true;
    bodyStart += 1;
  }
  const columns = {
    committee: /\bUdvalg\b/u.test(header),
    direction: /Indtægt|\(I\/U\)/u.test(header),
    area: /Styrings-?\s*område/u.test(header),
  };
  const captionArea = CAPTION_AREA.exec(region.caption ?? "")?.[1]?.toLowerCase();
  const tableArea = captionArea === undefined ? undefined : AREA_WORDS.get(captionArea);
  const body = tokens.slice(bodyStart);
  const numeric = body.map((token, index) => {
    const value = parseTableNumber(token.text);
    if (value === undefined) return false;
    const before = body[index - 1]?.text ?? "";
    // "Budgetaftale 2019" names a budget; in a committee table the number after "BUU" is the appropriation.
    if (isYear(token.text) && /^budget(?:aftale)?$/iu.test(before)) return false;
    if (columns.committee && COMMITTEE.test(before) && before !== "I" && before !== "U") return false;
    return true;
  });
  const maxValues = yearRun.years.length + (hasTotal ? 1 : 0);
  const runs: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < body.length; ) {
    if (!numeric[index]) {
      index += 1;
      continue;
    }
    let end = index;
    while (end < body.length && numeric[end] && (end === index || continuesRun(body, numeric, end))) end += 1;
    if (end - index >= 2) runs.push({ start: Math.max(index, end - maxValues), end });
    index = end;
  }

  const rows: TableRow[] = [];
  let labelFrom = 0;
  let groupArea: Area | undefined;
  const pushRow = (labelTokens: Token[], valueTokens: Token[]): void => {
    const row = readRow(source, lines, labelTokens, valueTokens, { ...columns, hasTotal, years: yearRun.years, tableArea, groupArea, document }, vocabulary);
    if (row === undefined) return;
    if (row.group !== undefined) groupArea = row.group;
    rows.push(row.row);
  };
  for (const run of runs) {
    pushRow(body.slice(labelFrom, run.start), body.slice(run.start, run.end));
    labelFrom = run.end;
  }
  const trailing = body.slice(labelFrom);
  const trailingText = trailing.map((token) => token.text).join(" ");
  if (trailing.length > 0 && /\p{L}/u.test(trailingText) && trailingText.length <= 80) pushRow(trailing, []);

  const lastRow = rows.at(-1);
  const tableStart = firstToken.start;
  return {
    kind,
    title: region.caption ?? sectionHeading,
    unit,
    ...(priceLevel === undefined ? {} : { priceLevel }),
    years: yearRun.years,
    rows,
    continuation: false,
    span: { start: tableStart, end: lastRow === undefined ? (tokens[yearRun.end - 1]?.end ?? tableStart) : lastRow.span.end },
  };
}

/**
 * Whether the numeric token at `index` continues the run before it. A run goes on to the next
 * line only when that line holds nothing but numbers; otherwise the number begins a label
 * ("3.160" then "1 årsværk til …").
 */
function continuesRun(body: readonly Token[], numeric: readonly boolean[], index: number): boolean {
  const token = body[index];
  if (token === undefined || token.line === body[index - 1]?.line) return true;
  for (let cursor = index; cursor < body.length && body[cursor]?.line === token.line; cursor += 1) {
    if (!numeric[cursor]) return false;
  }
  return true;
}

type RowContext = {
  committee: boolean;
  direction: boolean;
  area: boolean;
  hasTotal: boolean;
  years: readonly number[];
  tableArea: Area | undefined;
  groupArea: Area | undefined;
  document: CorpusDocument;
};

/** One row from its label tokens (label, area, committee, appropriation, direction) and its value tokens. */
function readRow(
  source: string,
  lines: readonly Line[],
  labelTokens: Token[],
  valueTokens: readonly Token[],
  context: RowContext,
  vocabulary: ReadonlySet<string>,
): { row: TableRow; group: Area | undefined } | undefined {
  const label = [...labelTokens];
  let direction: "U" | "I" | undefined;
  let committee: string | undefined;
  let appropriation: string | undefined;
  let area: Area | undefined;
  let group: Area | undefined;
  const last = label.at(-1)?.text;
  if (context.direction && (last === "U" || last === "I")) {
    direction = last;
    label.pop();
  }
  if (context.committee) {
    const at = label.findLastIndex((token) => COMMITTEE.test(token.text) && token.text !== "I" && token.text !== "U");
    if (at !== -1) {
      committee = label[at]?.text;
      const next = label[at + 1]?.text ?? "";
      if (APPROPRIATION.test(next)) appropriation = next;
      label.splice(at);
    }
  }
  const areaWord = AREA_WORDS.get(label.at(-1)?.text.toLowerCase() ?? "");
  if (areaWord !== undefined && label.length > 0) {
    area = areaWord;
    label.pop();
  }
  // A group line "Service" above the rows of that area.
  const firstLine = label[0]?.line;
  const firstLineTokens = label.filter((token) => token.line === firstLine);
  const groupWord = firstLineTokens.length === 1 ? AREA_WORDS.get(firstLineTokens[0]?.text.toLowerCase() ?? "") : undefined;
  if (groupWord !== undefined && label.length > 1) {
    group = groupWord;
    label.splice(0, 1);
  }
  const text = joinLabel(source, lines, label, vocabulary);
  if (text === "" && valueTokens.length === 0) return undefined;
  const prefixArea = AREA_PREFIX.exec(text)?.[1]?.toLowerCase();
  const prefixed = prefixArea === undefined ? undefined : AREA_WORDS.get(prefixArea.replace(/s$/u, "") === "overførsel" ? "overførsler" : prefixArea.replace(/s$/u, ""));
  const isTotal = TOTAL_LABEL.test(text);
  // A group line ("Service") covers the rows under it, not the totals row.
  const rowArea = area ?? prefixed ?? (isTotal ? undefined : (group ?? context.groupArea)) ?? context.tableArea;

  const numbers = valueTokens.map((token) => parseTableNumber(token.text) ?? null);
  let statedTotal: number | null | undefined;
  let yearValues = numbers;
  if (context.hasTotal && numbers.length >= 2) {
    statedTotal = numbers.at(-1);
    yearValues = numbers.slice(0, -1);
  }
  const values: Record<string, number | null> = {};
  for (const year of context.years) values[String(year)] = null;
  const startIndex = valueStartIndex(text, yearValues.length, context);
  yearValues.forEach((value, position) => {
    const year = context.years[startIndex + position];
    if (year !== undefined) values[String(year)] = value;
  });

  const spanTokens = [...labelTokens, ...valueTokens];
  const row: TableRow = {
    label: text,
    ...(rowArea === undefined ? {} : { area: rowArea }),
    ...(committee === undefined ? {} : { committee }),
    ...(appropriation === undefined ? {} : { appropriation }),
    ...(direction === undefined ? {} : { direction }),
    values,
    ...(statedTotal === undefined || statedTotal === null ? {} : { statedTotal }),
    isTotal,
    span: { start: spanTokens[0]?.start ?? 0, end: spanTokens.at(-1)?.end ?? 0 },
  };
  return { row, group };
}

/**
 * Where a row with fewer values than year columns starts. The flattening drops empty cells, so
 * the position is inferred: from the budget a label names ("Budgetaftale 2019" → 2019), else
 * from the note's budget year (the first column is the year before the budget), else the values
 * are taken to fill the last columns.
 */
function valueStartIndex(label: string, count: number, context: RowContext): number {
  const columns = context.years.length;
  if (count >= columns) return 0;
  const fits = (index: number): boolean => index >= 0 && index + count <= columns;
  const named = /\bbudget(?:aftale)?\s+((?:19|20|21)\d\d)\b/iu.exec(label)?.[1];
  if (named !== undefined && fits(context.years.indexOf(Number(named)))) return context.years.indexOf(Number(named));
  const budgetYear = context.years.indexOf(context.document.budgetYear);
  if (fits(budgetYear)) return budgetYear;
  return columns - count;
}

/** A label's tokens, line by line, rejoined with hyphenated words mended. */
function joinLabel(source: string, lines: readonly Line[], tokens: readonly Token[], vocabulary: ReadonlySet<string>): string {
  const byLine: Token[][] = [];
  for (const token of tokens) {
    const current = byLine.at(-1);
    if (current !== undefined && current[0]?.line === token.line) current.push(token);
    else byLine.push([token]);
  }
  const joined = byLine.flatMap((lineTokens) => {
    const first = lineTokens[0];
    const lastToken = lineTokens.at(-1);
    if (first === undefined || lastToken === undefined) return [];
    return [{ content: source.slice(first.start, lastToken.end), bare: lastToken.end === lines[lastToken.line]?.end }];
  });
  return joinLines(joined, vocabulary);
}

/** Joins lines into one line of text: a space between lines, hyphenated words mended. */
function joinLines(parts: ReadonlyArray<{ content: string; bare: boolean }>, vocabulary: ReadonlySet<string>): string {
  let text = "";
  let previous: { content: string; bare: boolean } | undefined;
  for (const { content, bare } of parts) {
    if (previous === undefined) text = content;
    else {
      const join = decideLineJoin(previous.content, previous.bare, content, vocabulary);
      text = join === "drop_hyphen" ? text.slice(0, -1) + content : join === "keep_hyphen" ? text + content : `${text} ${content}`;
    }
    previous = { content, bare };
  }
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * Marks a table that splits an earlier economy table again: the same totals row (values and
 * stated total), broken down into more rows (BI26's Tabel 3 splits Tabel 2's "2 årsværk til
 * Socialforvaltningen" into its two appropriations).
 */
function markContinuations(tables: BudgetTable[]): void {
  const totalsKey = (table: BudgetTable): string | undefined => {
    const total = table.rows.findLast((row) => row.isTotal);
    return total === undefined ? undefined : JSON.stringify([table.years, total.values, total.statedTotal ?? null]);
  };
  tables.forEach((table, index) => {
    const key = totalsKey(table);
    if (key === undefined) return;
    const detailRows = table.rows.filter((row) => !row.isTotal).length;
    table.continuation = tables
      .slice(0, index)
      .some((earlier) => earlier.kind === "economy" && totalsKey(earlier) === key && earlier.rows.filter((row) => !row.isTotal).length < detailRows);
  });
}
