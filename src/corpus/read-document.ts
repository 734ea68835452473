/**
 * Reads one source file into the typed corpus model: checks the bytes, picks the layout parser,
 * parses, extracts every figure with the money grammar and maps its span to the raw source.
 * Pure: the caller brings the bytes and, where known, the manifest entry.
 */
import type { Card, CorpusDocument, DocumentKind, Figure, ParsedDocument, Section } from "../domain/index.ts";
import { ParsedDocumentSchema, toRawSpan } from "../domain/index.ts";
import { CorpusError } from "../errors/errors.ts";
import { extractFigures } from "../money/index.ts";
import type { LayoutParser } from "./layout-parser.ts";
import { LAYOUT_PARSERS } from "./parsers.ts";
import { slugify } from "./slugify.ts";

/** What the manifest says of a file (corpus/manifest.json); every field optional for uploads. */
export type DocumentEntry = {
  id?: string;
  kind?: DocumentKind;
  year?: number;
  budgetYear?: number;
  title?: string;
  layout?: string;
  /** Page spans in the text (PDF uploads: from the extraction), kept on the document for citations. */
  pages?: CorpusDocument["pages"];
};

export type ReadDocumentOptions = {
  /** Largest accepted file, bytes. */
  maxBytes?: number;
  parsers?: readonly LayoutParser[];
};

export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** sha256 of a text, hex, with Web Crypto (Node and Workers alike). */
export async function hashText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Decodes bytes as UTF-8 text, refusing empty, binary and oversized files with a clear reason. */
export function decodeSourceText(name: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): string {
  if (bytes.byteLength > maxBytes) {
    throw new CorpusError("file_too_large", `${name}: the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxBytes / 1024 / 1024).toFixed(1)} MB. Split the document or raise MAX_DOCUMENT_BYTES.`, { details: { file: name, bytes: bytes.byteLength, maxBytes } });
  }
  if (bytes.byteLength === 0) throw new CorpusError("file_empty", `${name}: the file is empty.`, { details: { file: name } });
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new CorpusError("file_binary", `${name}: the file is binary (it contains NUL bytes), not text. Give the text of an annex or budget note as UTF-8.`, { details: { file: name } });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CorpusError("file_not_utf8", `${name}: the file is not valid UTF-8 text. Save it as UTF-8 and try again.`, { cause, details: { file: name } });
  }
  if (text.trim().length === 0) throw new CorpusError("file_empty", `${name}: the file holds only white space.`, { details: { file: name } });
  return text.replace(/^\uFEFF/, "");
}


/** Guesses kind, year and title of a file that has no manifest entry. */
function describeUnlisted(name: string, source: string, layout: LayoutParser): Required<Omit<DocumentEntry, "layout" | "pages">> {
  const head = source.slice(0, 4000);
  const kind: DocumentKind = layout.layout === "budget-note" ? "budget_note" : "annex";
  const annexYear = /udløber\s+efter\s+((?:19|20)\d\d)/iu.exec(head)?.[1];
  const budgetYear = /budget\s*((?:19|20)\d\d)/iu.exec(head)?.[1];
  const anyYear = /\b((?:19|20)\d\d)\b/u.exec(name)?.[1] ?? /\b(20\d\d)\b/u.exec(head)?.[1];
  const year = Number(kind === "annex" ? (annexYear ?? anyYear ?? budgetYear) : (budgetYear ?? anyYear));
  if (!Number.isFinite(year) || year === 0) {
    throw new CorpusError("document_year_unknown", `${name}: cannot tell which year the document is from. Give it in the manifest (year) or the file name (e.g. bilag-2025.txt).`, { details: { file: name } });
  }
  const firstLine = source.split("\n").map((line) => line.replace(/^[#\s*]+|\*+$/g, "").trim()).find((line) => line.length > 3) ?? name;
  const code = /\b(BI\d\d)\b/u.exec(head)?.[1];
  return {
    id: kind === "budget_note" ? `budgetnotat-${slugify(code ?? firstLine)}-${year}` : `bilag-${year}`,
    kind,
    year,
    budgetYear: kind === "annex" ? year + 1 : year,
    title: firstLine.slice(0, 200),
  };
}

function mapFigures(section: Section): Figure[] {
  return extractFigures(section.text).map((figure) => {
    const { start, end, sentence, ...fields } = figure;
    return { ...fields, span: toRawSpan(section.offsets, start, end), sentence: { text: sentence.text, span: toRawSpan(section.offsets, sentence.start, sentence.end) } };
  });
}

/** Fills a card's figures from its sections, in section order; `partOf` is re-based to the card. */
export function extractCardFigures(card: Card): Figure[] {
  const figures: Figure[] = [];
  for (const section of card.sections) {
    const base = figures.length;
    for (const figure of mapFigures(section)) figures.push(figure.partOf === undefined ? figure : { ...figure, partOf: figure.partOf + base });
  }
  return figures;
}

/** Page spans must lie in the text, in order; anything else is a caller's error, not a page to cite. */
function checkPages(name: string, pages: NonNullable<CorpusDocument["pages"]>, length: number): NonNullable<CorpusDocument["pages"]> {
  let previousEnd = 0;
  for (const page of pages) {
    if (page.start < previousEnd || page.end < page.start || page.end > length) {
      throw new CorpusError("pages_invalid", `${name}: page ${page.number} spans ${page.start}-${page.end}, outside the text (${length} characters) or before the previous page.`, { details: { file: name } });
    }
    previousEnd = page.end;
  }
  return pages.map((page) => ({ number: page.number, start: page.start, end: page.end }));
}

/** Reads a source file into a parsed document. Throws CorpusError with the file name and reason. */
export async function readDocument(name: string, bytes: Uint8Array, entry: DocumentEntry = {}, options: ReadDocumentOptions = {}): Promise<ParsedDocument> {
  const source = decodeSourceText(name, bytes, options.maxBytes);
  const parsers = options.parsers ?? LAYOUT_PARSERS;
  const parser = entry.layout === undefined ? parsers.find((candidate) => candidate.detect(source)) : parsers.find((candidate) => candidate.layout === entry.layout);
  if (parser === undefined) {
    throw new CorpusError(
      entry.layout === undefined ? "layout_unknown" : "layout_unsupported",
      entry.layout === undefined
        ? `${name}: the text is not a layout this product reads (an annex of expiring grants with cards, or a budget note with Baggrund/Indhold/Økonomi). Check that it is the right file.`
        : `${name}: the manifest names layout "${entry.layout}", which this product does not know. Known: ${parsers.map((candidate) => candidate.layout).join(", ")}.`,
      { details: { file: name } },
    );
  }
  const described = entry.id !== undefined && entry.kind !== undefined && entry.year !== undefined && entry.title !== undefined ? undefined : describeUnlisted(name, source, parser);
  const document: CorpusDocument = {
    id: entry.id ?? described?.id ?? slugify(name),
    kind: entry.kind ?? described?.kind ?? "annex",
    year: entry.year ?? described?.year ?? 0,
    budgetYear: entry.budgetYear ?? described?.budgetYear ?? entry.year ?? 0,
    title: entry.title ?? described?.title ?? name,
    source: name,
    contentHash: await hashText(source),
    layout: parser.layout,
    ...(entry.pages === undefined ? {} : { pages: checkPages(name, entry.pages, source.length) }),
  };
  let parsed;
  try {
    await parser.prepare?.();
    parsed = parser.parse(source, document);
  } catch (cause) {
    if (cause instanceof CorpusError) throw cause;
    throw new CorpusError("parse_failed", `${name}: the ${parser.layout} parser failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, details: { file: name } });
  }
  if (parsed.cards.length === 0) {
    throw new CorpusError("no_cards", `${name}: no card or budget note was found in the text (layout ${parser.layout}). Nothing was stored.`, { details: { file: name } });
  }
  const cards = parsed.cards.map((card) => ({ ...card, figures: extractCardFigures(card) }));
  const result = ParsedDocumentSchema.safeParse({ document, cards, tables: parsed.tables });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CorpusError("parse_invalid", `${name}: the parsed document does not fit the corpus model at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}.`, { details: { file: name } });
  }
  return result.data;
}
