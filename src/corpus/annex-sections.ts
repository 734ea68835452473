/**
 * Shared card assembly for the older annex layouts (2023 "annex-markdown", 2024 "annex-plain").
 * Each layout's lexer finds markers (pejlemærke headings, group headings, grant titles, section
 * headings, "Bevilling 2023: …" lines) with their raw offsets; `assembleAnnexCards` turns the
 * marker sequence into cards. Bodies run from a marker to the next one and keep raw offsets.
 */
import type { Card, CardFlag, CorpusDocument, OffsetAnchors, Section, SectionKind, Span } from "../domain/index.ts";
import { CorpusError } from "../errors/errors.ts";
import { classifyDecision } from "./classify-decision.ts";

/** Where a marker lies: `from` is where its line or cell begins (markup included), `start`/`end` its words. */
type MarkerPosition = {
  /** Raw offset where the marker's markup begins ("### ", "**", "<p><b>"); the previous body ends here. */
  from: number;
  /** Raw offset of the marker's first word. */
  start: number;
  /** Raw offset just after the marker's last word. */
  end: number;
  /** Raw offset where the marker's body begins. */
  bodyStart: number;
};

/** One structural element an annex lexer found in the raw source. */
export type AnnexMarker =
  | (MarkerPosition & { type: "pejlemærke"; text: string; group?: string })
  | (MarkerPosition & { type: "group"; text: string })
  | (MarkerPosition & { type: "title"; text: string; flags: CardFlag[]; group?: string })
  | (MarkerPosition & { type: "section"; kind: SectionKind; heading: string })
  | (MarkerPosition & { type: "grant"; heading: string });

/** A body cut out of the raw source: markup removed, offsets mapping back to the raw text. */
export type AnnexBody = { text: string; offsets: OffsetAnchors; span: Span };

const SECTION_HEADINGS: ReadonlyArray<readonly [SectionKind, RegExp]> = [
  ["content", /^(?:Beskrivelse(?:\s+af\s+(?:indsatsen|udløb))?|Indhold\s+i\s+indsatsen)$/i],
  ["results", /^Resultater(?:\s+og\s+erfaringer)?$/i],
  ["assessment", /^(?:Forvaltningens\s+vurdering|Faglig\s+vurdering(?:\s+af\s+videreførelse)?)$/i],
  ["other", /^(?:Økonomi(?:\/ressourcer)?|Bemærkninger|Baggrund)$/i],
];

/** "Bevilling 2023:" at the start of a line, the older annexes' grant line. */
export const GRANT_LINE = /^Bevilling\s+(\d{4})\s*:/;

/** "Pejlemærke: …": the line (or heading words) that opens a pejlemærke, with its name. */
export const PEJLEMÆRKE_LINE = /^Pejlemærke\s*:\s*(.+)$/i;

/** "Øvrige", "Øvrige bevillinger", "Øvrige bevillinger:" — the closing part of a pejlemærke. */
export const OTHER_GRANTS_HEADING = /^Øvrige(?:\s+bevillinger)?\s*:?$/i;

/** The one spelling of the "other expiring grants" group. */
export const OTHER_GRANTS_GROUP = "Øvrige bevillinger";

/** "(BIUs egen ramme)", "inden for BIU's egen ramme": grants financed within the committee's own budget. */
const OWN_FRAME = /((?:inden\s*for\s+)?BIU'?s\s+egen\s+ramme)/i;

/** The section kind a heading names, or undefined when it is no known section heading. */
export function classifySectionHeading(heading: string): SectionKind | undefined {
  const normalized = heading.replace(/\s+/g, " ").replace(/\s*:\s*$/, "").trim();
  for (const [kind, pattern] of SECTION_HEADINGS) {
    if (pattern.test(normalized)) return kind;
  }
  return undefined;
}

/** Splits "Integration og sprog – Indsatser under integrationshandleplanen …" into pejlemærke and group. */
export function splitPejlemærke(text: string): { pejlemærke: string; group?: string } {
  const match = /^(.+?)\s+[–—]\s+(.+)$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return { pejlemærke: text.trim() };
  return { pejlemærke: match[1], group: match[2] };
}

/** Markup runs removed from bodies: markdown bold and the HTML-ish tags of table rows. */
const MARKUP = /<\/p>\s*<p>|\*\*|<\/?(?:p|b|strong|em)>|<br\s*\/?>/g;

/**
 * Cuts `[from, to)` out of the raw source, trims whitespace and markup at both ends, and removes
 * markup inside (a paragraph break `</p> <p>` becomes a blank line). Undefined when nothing is left.
 */
export function extractBody(source: string, from: number, to: number): AnnexBody | undefined {
  const runs: Array<{ start: number; end: number; replacement: string }> = [];
  for (const match of source.slice(from, to).matchAll(MARKUP)) {
    const start = from + match.index;
    runs.push({ start, end: start + match[0].length, replacement: match[0].startsWith("</p>") ? "\n\n" : "" });
  }
  const isBlank = (offset: number): boolean => /\s/.test(source[offset] ?? "");
  const runAt = (offset: number) => runs.find((run) => run.start === offset);
  const runEndingAt = (offset: number) => runs.find((run) => run.end === offset);

  let start = from;
  while (start < to) {
    const run = runAt(start);
    if (run !== undefined) start = run.end;
    else if (isBlank(start)) start += 1;
    else break;
  }
  let end = to;
  while (end > start) {
    const run = runEndingAt(end);
    if (run !== undefined) end = run.start;
    else if (isBlank(end - 1)) end -= 1;
    else break;
  }
  if (end <= start) return undefined;

  let text = "";
  const offsets: OffsetAnchors = [[0, start]];
  let cursor = start;
  for (const run of runs) {
    if (run.start < start || run.end > end) continue;
    text += source.slice(cursor, run.start) + run.replacement;
    cursor = run.end;
    offsets.push([text.length, cursor]);
  }
  text += source.slice(cursor, end);
  return { text, offsets, span: { start, end } };
}

const TITLE_LEAD_INS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Der\s+er\s+(?:prioriteret|afsat|givet)\s+midler\s+til\s+at\s+/i, "Midler til at "],
  [/^(?:Tiltaget|Indsatsen|Projektet|Initiativet)\s+er\s+(?:en|et)\s+/i, ""],
  [/^Formålet\s+med\s+(?:indsatsen|projektet)\s+er\s+at\s+/i, ""],
];

const TITLE_MAX_LENGTH = 120;

/** A title for a grant the annex gives no title line: the first clause of its first sentence. */
export function deriveTitle(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  let sentence = (flat.split(/(?<=[.!?])\s/)[0] ?? flat).replace(/[.!?]$/, "");
  const comma = sentence.indexOf(", ");
  if (comma >= 20) sentence = sentence.slice(0, comma);
  for (const [pattern, replacement] of TITLE_LEAD_INS) {
    if (pattern.test(sentence)) {
      sentence = sentence.replace(pattern, replacement);
      break;
    }
  }
  if (sentence.length > TITLE_MAX_LENGTH) {
    const cut = sentence.lastIndexOf(" ", TITLE_MAX_LENGTH);
    sentence = `${sentence.slice(0, cut > 40 ? cut : TITLE_MAX_LENGTH)} …`;
  }
  return sentence.charAt(0).toLocaleUpperCase("da") + sentence.slice(1);
}

type CardDraft = {
  title?: string;
  titleSpan?: Span;
  flags: CardFlag[];
  pejlemærke?: string;
  group?: string;
  sections: Section[];
};

/** Section kinds that start a new grant when they follow an assessment. */
const OPENING_KINDS: ReadonlySet<SectionKind> = new Set(["content", "grant"]);

/**
 * Builds cards from a layout's markers. A grant starts at a title marker, or at a section that
 * cannot belong to the open card (its kind is already there, or a description or grant line
 * follows an assessment); such a grant gets a derived title and the flag "title_derived". Text
 * after a pejlemærke or group heading is introduction and is not a card; text under a title with
 * no section heading is the card's content when the title belongs to a group ("Øvrige
 * bevillinger"), and otherwise a document heading's introduction.
 */
export function assembleAnnexCards(source: string, markers: readonly AnnexMarker[], document: CorpusDocument): Card[] {
  const ordered = [...markers].sort((left, right) => left.from - right.from);
  const cards: Card[] = [];
  let pejlemærke: string | undefined;
  let scopedGroup: string | undefined;
  let draft: CardDraft | undefined;

  const flush = (): void => {
    if (draft !== undefined && draft.sections.some((section) => section.text !== "")) cards.push(finishCard(draft, cards.length + 1, document));
    draft = undefined;
  };
  const openDraft = (): CardDraft => {
    const opened: CardDraft = { flags: [], sections: [] };
    if (pejlemærke !== undefined) opened.pejlemærke = pejlemærke;
    if (scopedGroup !== undefined) opened.group = scopedGroup;
    return opened;
  };

  ordered.forEach((marker, index) => {
    const bodyEnd = ordered[index + 1]?.from ?? source.length;
    switch (marker.type) {
      case "pejlemærke": {
        flush();
        pejlemærke = marker.text;
        scopedGroup = marker.group;
        return;
      }
      case "group": {
        flush();
        scopedGroup = marker.text;
        return;
      }
      case "title": {
        flush();
        draft = openDraft();
        draft.title = marker.text;
        draft.titleSpan = { start: marker.start, end: marker.end };
        draft.flags.push(...marker.flags);
        if (marker.group !== undefined) draft.group = marker.group;
        const body = extractBody(source, marker.bodyStart, bodyEnd);
        if (body !== undefined && draft.group !== undefined) draft.sections.push(toSection("content", "", marker.start, body));
        return;
      }
      case "section":
      case "grant": {
        const kind: SectionKind = marker.type === "grant" ? "grant" : marker.kind;
        if (draft === undefined || !fitsOpenCard(draft, kind)) {
          flush();
          draft = openDraft();
        }
        const body = extractBody(source, marker.bodyStart, bodyEnd);
        const heading = marker.heading;
        if (body === undefined) {
          draft.sections.push({ kind, heading, text: "", span: { start: marker.start, end: marker.end }, offsets: [[0, marker.end]] });
        } else {
          draft.sections.push(toSection(kind, heading, marker.start, body));
        }
        return;
      }
    }
  });
  flush();
  return cards;
}

function fitsOpenCard(draft: CardDraft, kind: SectionKind): boolean {
  if (kind !== "other" && draft.sections.some((section) => section.kind === kind)) return false;
  if (OPENING_KINDS.has(kind) && draft.sections.some((section) => section.kind === "assessment")) return false;
  return true;
}

function toSection(kind: SectionKind, heading: string, headingStart: number, body: AnnexBody): Section {
  const start = heading === "" ? body.span.start : Math.min(headingStart, body.span.start);
  return { kind, heading, text: body.text, span: { start, end: body.span.end }, offsets: body.offsets };
}

function finishCard(draft: CardDraft, ordinal: number, document: CorpusDocument): Card {
  const flags = [...draft.flags];
  let title = draft.title;
  if (title === undefined || title.trim() === "") {
    const source = draft.sections.find((section) => section.kind === "content" && section.text !== "")
      ?? draft.sections.find((section) => section.text !== "");
    title = source === undefined ? `Bevilling ${ordinal}` : deriveTitle(source.text);
    flags.push("title_derived");
  }
  let group = draft.group;
  for (const section of draft.sections) {
    const ownFrame = section.kind === "grant" ? OWN_FRAME.exec(section.text) : null;
    if (ownFrame?.[1] !== undefined) group = ownFrame[1];
  }
  const assessment = draft.sections.filter((section) => section.kind === "assessment").map((section) => section.text).join("\n\n");
  const starts = draft.sections.map((section) => section.span.start);
  const ends = draft.sections.map((section) => section.span.end);
  const span: Span = {
    start: Math.min(draft.titleSpan?.start ?? Number.POSITIVE_INFINITY, ...starts),
    end: Math.max(draft.titleSpan?.end ?? 0, ...ends),
  };
  const card: Card = {
    id: `${document.id}-${String(ordinal).padStart(2, "0")}`,
    documentId: document.id,
    ordinal,
    title,
    sections: draft.sections,
    decision: assessment === "" ? "ukendt" : classifyDecision(assessment),
    flags: [...new Set(flags)],
    span,
    figures: [],
  };
  if (draft.pejlemærke !== undefined) card.pejlemærke = draft.pejlemærke;
  if (group !== undefined) card.group = group;
  return card;
}

/** Throws the CorpusError for a text that is empty or not of the given layout. */
export function assertAnnexLayout(source: string, document: CorpusDocument, layout: string, looksRight: boolean, expected: string): void {
  if (source.trim() === "") {
    throw new CorpusError("corpus_empty", `Document "${document.id}" is empty; an ${layout} annex needs at least one grant.`, {
      details: { documentId: document.id, layout },
    });
  }
  if (!looksRight) {
    throw new CorpusError("layout_mismatch", `Document "${document.id}" is not an ${layout} annex: ${expected}.`, {
      details: { documentId: document.id, layout },
    });
  }
}

/** Throws the CorpusError for an annex in which no grant was found. */
export function assertSomeCards(cards: readonly Card[], document: CorpusDocument, layout: string): void {
  if (cards.length === 0) {
    throw new CorpusError("no_cards", `Document "${document.id}" looks like an ${layout} annex but no grant with a description or assessment was found.`, {
      details: { documentId: document.id, layout },
    });
  }
}
