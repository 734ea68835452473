/**
 * Layout parser for the 2024 annex ("annex-plain"): plain-text paragraphs. "Pejlemærke: …" lines,
 * a grant title line, "Bevilling 2024: …", and the headings "Beskrivelse", "Resultater",
 * "Forvaltningens vurdering" each on a line of its own. "Øvrige: <title>" and "Øvrige bevillinger:
 * <title>" name a grant of the closing group.
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

const LAYOUT = "annex-plain";

/** "Øvrige: Fokuseret indsats …", "Øvrige bevillinger: Bedre virksomhedspraktikker". */
const OTHER_GRANT_TITLE = /^(Øvrige(?:\s+bevillinger)?)\s*:\s*(.+)$/i;
/** A title is one short line that does not end a sentence. */
const TITLE_MAX_LENGTH = 200;

/** Whether a text looks like the 2024 plain annex. */
export function detectAnnexPlain(source: string): boolean {
  return (
    /^Pejlemærke\s*:/im.test(source) &&
    /^(?:Beskrivelse|Forvaltningens vurdering)[ \t]*$/im.test(source) &&
    !/^#{1,6}[ \t]/m.test(source)
  );
}

/** Parses the 2024 plain annex into cards (figures left empty for the pipeline). */
export function parseAnnexPlain(source: string, document: CorpusDocument): LayoutParse {
  assertAnnexLayout(source, document, LAYOUT, detectAnnexPlain(source), 'expected a "Pejlemærke:" line and a "Beskrivelse" or "Forvaltningens vurdering" heading on a line of its own, and no markdown "#" headings');
  const cards = assembleAnnexCards(source, lexAnnexPlain(source), document);
  assertSomeCards(cards, document, LAYOUT);
  return { cards, tables: [] };
}

type Paragraph = { start: number; end: number; text: string; firstLine: string };

/** Paragraphs separated by blank lines, with raw offsets (trimmed). */
function splitParagraphs(source: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const separator = /\n[ \t\r]*\n/g;
  let from = 0;
  const push = (start: number, end: number): void => {
    const raw = source.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text === "") return;
    const paragraphStart = start + leading;
    paragraphs.push({ start: paragraphStart, end: paragraphStart + text.length, text, firstLine: (text.split("\n")[0] ?? "").trimEnd() });
  };
  for (const match of source.matchAll(separator)) {
    push(from, match.index);
    from = match.index + match[0].length;
  }
  push(from, source.length);
  return paragraphs;
}

/** Finds the structural markers of the plain annex, paragraph by paragraph. */
export function lexAnnexPlain(source: string): AnnexMarker[] {
  const paragraphs = splitParagraphs(source);
  const markers: AnnexMarker[] = [];
  paragraphs.forEach((paragraph, index) => {
    const line = paragraph.firstLine;
    const singleLine = !paragraph.text.includes("\n");
    const lineEnd = paragraph.start + line.length;
    const position = { from: paragraph.start, start: paragraph.start, end: lineEnd, bodyStart: lineEnd };

    const pejlemærke = PEJLEMÆRKE_LINE.exec(line);
    if (pejlemærke?.[1] !== undefined) {
      const split = splitPejlemærke(pejlemærke[1]);
      markers.push(split.group === undefined
        ? { type: "pejlemærke", text: split.pejlemærke, ...position }
        : { type: "pejlemærke", text: split.pejlemærke, group: split.group, ...position });
      return;
    }
    const kind = singleLine ? classifySectionHeading(line) : undefined;
    if (kind !== undefined) {
      markers.push({ type: "section", kind, heading: line.replace(/\s*:$/, ""), ...position });
      return;
    }
    const grant = GRANT_LINE.exec(line);
    if (grant !== null) {
      const heading = grant[0].replace(/\s*:$/, "");
      markers.push({ type: "grant", heading, from: paragraph.start, start: paragraph.start, end: paragraph.start + heading.length, bodyStart: paragraph.start });
      return;
    }
    if (singleLine && OTHER_GRANTS_HEADING.test(line)) {
      markers.push({ type: "group", text: OTHER_GRANTS_GROUP, ...position });
      return;
    }
    if (singleLine && isTitleLine(line) && opensGrant(paragraphs[index + 1])) {
      const other = OTHER_GRANT_TITLE.exec(line);
      if (other?.[2] !== undefined) {
        const titleStart = paragraph.start + line.indexOf(other[2], other[1]?.length ?? 0);
        markers.push({ type: "title", text: other[2].trim(), flags: [], group: OTHER_GRANTS_GROUP, from: paragraph.start, start: titleStart, end: lineEnd, bodyStart: lineEnd });
      } else {
        markers.push({ type: "title", text: line.trim(), flags: [], ...position });
      }
    }
  });
  return markers;
}

function isTitleLine(line: string): boolean {
  return line.length <= TITLE_MAX_LENGTH && !/[.!?:;,]$/.test(line.trim());
}

/** Whether a paragraph is how a grant's card begins: its "Bevilling" line or a section heading. */
function opensGrant(next: Paragraph | undefined): boolean {
  if (next === undefined) return false;
  if (GRANT_LINE.test(next.firstLine)) return true;
  const kind = next.text.includes("\n") ? undefined : classifySectionHeading(next.firstLine);
  return kind === "content" || kind === "other";
}

/** The "annex-plain" layout parser (the 2024 annex). */
export const annexPlainParser: LayoutParser = {
  layout: LAYOUT,
  detect: detectAnnexPlain,
  parse: parseAnnexPlain,
};
