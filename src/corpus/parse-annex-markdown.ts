/**
 * Layout parser for the 2023 annex ("annex-markdown"): "# Pejlemærke: …" headings, "## <grant
 * title>", "### Beskrivelse / Resultater / Forvaltningens vurdering", a "Bevilling 2023: …" line;
 * some grants as tab-separated HTML-ish table rows, some with only a bold title or no title line.
 */
import type { CorpusDocument } from "../domain/index.ts";
import {
  type AnnexMarker,
  assembleAnnexCards,
  assertAnnexLayout,
  assertSomeCards,
  classifySectionHeading,
  GRANT_LINE,
  OTHER_GRANTS_GROUP,
  OTHER_GRANTS_HEADING,
  PEJLEMÆRKE_LINE,
  splitPejlemærke,
} from "./annex-sections.ts";
import type { LayoutParse, LayoutParser } from "./layout-parser.ts";

const LAYOUT = "annex-markdown";

/** A markdown heading line: level marks, then the words (possibly wrapped in **). */
const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*$/;
/** A line that is only bold text. */
const BOLD_LINE = /^\*\*(.+?)\*\*[ \t]*$/;
/** A table row's first line: the title cell, tabs, then the "Bevilling 2023: …" cell. */
const TABLE_ROW = /^([^\t<]+?)[ \t]*\t+[ \t]*(Bevilling\s+\d{4}\s*:.*?)[ \t]*$/;
/** A table cell's section heading: "<p><b>Beskrivelse</b></p>". */
const CELL_HEADING = /<p>\s*<b>\s*([^<]+?)\s*<\/b>\s*<\/p>/g;

/** Whether a text looks like the 2023 markdown annex. */
export function detectAnnexMarkdown(source: string): boolean {
  return /^#{1,6}[ \t]+(?:\*\*)?(?:Pejlemærke\s*:|Beskrivelse\b|Forvaltningens vurdering\b)/im.test(source);
}

/** Parses the 2023 markdown annex into cards (figures left empty for the pipeline). */
export function parseAnnexMarkdown(source: string, document: CorpusDocument): LayoutParse {
  assertAnnexLayout(source, document, LAYOUT, detectAnnexMarkdown(source), 'expected a markdown heading "# Pejlemærke: …", "### Beskrivelse" or "### Forvaltningens vurdering", and found none');
  const cards = assembleAnnexCards(source, lexAnnexMarkdown(source), document);
  assertSomeCards(cards, document, LAYOUT);
  return { cards, tables: [] };
}

/** Finds the structural markers of the markdown annex, line by line. */
export function lexAnnexMarkdown(source: string): AnnexMarker[] {
  const markers: AnnexMarker[] = [];
  let lineStart = 0;
  while (lineStart <= source.length) {
    const newline = source.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, "");
    markers.push(...lexLine(line, lineStart));
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return markers;
}

function lexLine(line: string, lineStart: number): AnnexMarker[] {
  const heading = HEADING.exec(line);
  if (heading?.[1] !== undefined && heading[2] !== undefined) {
    const wordsAt = lineStart + line.indexOf(heading[2], heading[1].length);
    return [classifyLine(heading[2], lineStart, wordsAt, lineStart + line.length, false)];
  }
  const bold = BOLD_LINE.exec(line);
  if (bold !== null) return [classifyLine(line.trimEnd(), lineStart, lineStart, lineStart + line.length, true)];

  const markers: AnnexMarker[] = [];
  const row = TABLE_ROW.exec(line);
  if (row?.[1] !== undefined && row[2] !== undefined) {
    const titleStart = lineStart + line.indexOf(row[1]);
    const grantStart = lineStart + line.indexOf(row[2], row[1].length);
    markers.push({ type: "title", text: row[1].trim(), flags: ["table_row"], from: lineStart, start: titleStart, end: titleStart + row[1].length, bodyStart: titleStart + row[1].length });
    markers.push(grantMarker(row[2], grantStart, grantStart));
  } else if (GRANT_LINE.test(line)) {
    markers.push(grantMarker(line, lineStart, lineStart));
  }
  for (const cell of line.matchAll(CELL_HEADING)) {
    const words = cell[1];
    const kind = words === undefined ? undefined : classifySectionHeading(words);
    if (words === undefined || kind === undefined) continue;
    const from = lineStart + cell.index;
    const start = from + cell[0].indexOf(words);
    markers.push({ type: "section", kind, heading: words.replace(/\s*:$/, ""), from, start, end: start + words.length, bodyStart: from + cell[0].length });
  }
  return markers;
}

/** Reads a heading's or bold line's words (with optional ** around them) as a marker. */
function classifyLine(words: string, from: number, wordsAt: number, lineEnd: number, boldLine: boolean): AnnexMarker {
  const bold = /^\*\*(.+?)\*\*$/.exec(words);
  const inner = (bold?.[1] ?? words).trim();
  const start = wordsAt + (bold === null ? 0 : words.indexOf(inner));
  const end = start + inner.length;
  const position = { from, start, end, bodyStart: lineEnd };

  const pejlemærke = PEJLEMÆRKE_LINE.exec(inner);
  if (pejlemærke?.[1] !== undefined) {
    const split = splitPejlemærke(pejlemærke[1]);
    return split.group === undefined
      ? { type: "pejlemærke", text: split.pejlemærke, ...position }
      : { type: "pejlemærke", text: split.pejlemærke, group: split.group, ...position };
  }
  const kind = classifySectionHeading(inner);
  if (kind !== undefined) return { type: "section", kind, heading: inner.replace(/\s*:$/, ""), ...position };
  if (GRANT_LINE.test(inner)) return grantMarker(inner, from, start);
  if (OTHER_GRANTS_HEADING.test(inner)) return { type: "group", text: OTHER_GRANTS_GROUP, ...position };
  return { type: "title", text: inner, flags: boldLine ? ["bold_heading_only"] : [], ...position };
}

function grantMarker(words: string, from: number, start: number): AnnexMarker {
  const heading = GRANT_LINE.exec(words)?.[0].replace(/\s*:$/, "") ?? "Bevilling";
  return { type: "grant", heading, from, start, end: start + heading.length, bodyStart: start };
}

/** The "annex-markdown" layout parser (the 2023 annex). */
export const annexMarkdownParser: LayoutParser = {
  layout: LAYOUT,
  detect: detectAnnexMarkdown,
  parse: parseAnnexMarkdown,
};
