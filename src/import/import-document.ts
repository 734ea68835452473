/**
 * Bring your own files: a PDF, Word document or text file becomes text in the layouts the parsers
 * read, then goes through the one path of readDocument / ingestFiles. The stored source text is
 * the extracted text, so citations point into it and the same file twice is "unchanged".
 */
import {
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  ingestFiles,
} from "../corpus/ingest.ts";
import { type DocumentEntry, readDocument } from "../corpus/read-document.ts";
import type { ParsedDocument } from "../domain/index.ts";
import { LAYOUT_PARSERS } from "../corpus/parsers.ts";
import { slugify } from "../corpus/slugify.ts";
import { BilagsassistentError, CorpusError } from "../errors/errors.ts";
import {
  type ExtractOptions,
  type ExtractProgress,
  type ExtractedText,
  extractDocumentText,
  pageAt,
} from "./extract-text.ts";

export type ImportedDocument = {
  parsed: ParsedDocument;
  /** The extracted text the parsed spans point into. */
  text: string;
  format: ExtractedText["format"];
  pages: ExtractedText["pages"];
  /** Each card's first page (by its span). */
  cardPages: Record<string, number>;
  warnings: string[];
  ocr: boolean;
};

/** What a layout error means for a Word document or PDF. */
function explainLayout(name: string, format: ExtractedText["format"], error: unknown): unknown {
  if (!(error instanceof CorpusError) || error.code !== "layout_unknown" || format === "text")
    return error;
  const what = format === "docx" ? "Word document" : "PDF";
  return new CorpusError(
    "no_card_found",
    `${name}: no annex card or budget note was recognised in the ${what}. An annex card has a title, "Nr. N", and the halves "Beskrivelse af udløb" and "Faglig vurdering af videreførelse" with their headings (Indhold i indsatsen, Økonomi/ressourcer, …); a budget note has a code line such as "BI07 …" and the headings Baggrund, Indhold, Økonomi. Nothing was stored.`,
    { cause: error, details: { file: name, format } },
  );
}

/**
 * readDocument guesses an unlisted file's id, kind and title only together with its year, from the
 * file name or the text; an upload that gives its year (?year=) gets the rest guessed the same way.
 */
export function completeEntry(
  name: string,
  text: string,
  entry: DocumentEntry | undefined,
): DocumentEntry | undefined {
  if (
    entry?.year === undefined ||
    (entry.id !== undefined && entry.kind !== undefined && entry.title !== undefined)
  )
    return entry;
  const layout =
    entry.layout === undefined
      ? LAYOUT_PARSERS.find((parser) => parser.detect(text))?.layout
      : entry.layout;
  const kind = entry.kind ?? (layout === "budget-note" ? "budget_note" : "annex");
  const head = text.slice(0, 4000);
  const firstLine =
    text
      .split("\n")
      .map((line) => line.replace(/^[#\s*]+|\*+$/gu, "").trim())
      .find((line) => line.length > 3 && !/^K\S{1,3}benhavns\s+Kommune$/u.test(line)) ?? name;
  const code = /\b(BI\d\d)\b/u.exec(head)?.[1];
  return {
    ...entry,
    kind,
    id:
      entry.id ??
      (kind === "budget_note"
        ? `budgetnotat-${slugify(code ?? firstLine)}-${entry.year}`
        : `bilag-${entry.year}`),
    title: entry.title ?? firstLine.slice(0, 200),
    budgetYear: entry.budgetYear ?? (kind === "annex" ? entry.year + 1 : entry.year),
  };
}

/** A PDF's page spans go with the entry onto the stored document; Word and text files have no pages to cite. */
function withPages(
  entry: DocumentEntry | undefined,
  extracted: ExtractedText,
): DocumentEntry | undefined {
  if (extracted.format !== "pdf" || extracted.pages.length === 0) return entry;
  return { ...entry, pages: extracted.pages };
}

function cardPagesOf(
  parsed: ParsedDocument,
  pages: ExtractedText["pages"],
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const card of parsed.cards) {
    const page = pageAt(pages, card.span.start);
    if (page !== undefined) result[card.id] = page;
  }
  return result;
}

/** Reads one file of any supported format into a parsed document with its pages. */
export async function importDocument(
  name: string,
  bytes: Uint8Array,
  options: ExtractOptions & { entry?: DocumentEntry } = {},
): Promise<ImportedDocument> {
  const extracted = await extractDocumentText(name, bytes, options);
  let parsed: ParsedDocument;
  try {
    parsed = await readDocument(
      name,
      new TextEncoder().encode(extracted.text),
      withPages(completeEntry(name, extracted.text, options.entry), extracted) ?? {},
      options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
    );
  } catch (error) {
    throw explainLayout(name, extracted.format, error);
  }
  return {
    parsed,
    text: extracted.text,
    format: extracted.format,
    pages: extracted.pages,
    cardPages: cardPagesOf(parsed, extracted.pages),
    warnings: extracted.warnings,
    ocr: extracted.ocr,
  };
}

export type UploadProgress = {
  stage: "received" | "extract" | "ocr" | "index" | "done";
  done: number;
  total: number;
};

export type UploadResult = {
  summary: IngestSummary;
  format?: ExtractedText["format"];
  /** Each page's span in the stored source text (citations' offsets fall in one of them). */
  pages?: ExtractedText["pages"];
  warnings: string[];
};

export type IngestUploadOptions = Omit<IngestOptions, "onProgress"> & {
  ocr?: ExtractOptions["ocr"];
  entry?: DocumentEntry;
  onProgress?: (progress: UploadProgress) => void;
  /** Reads the file's text (extractDocumentText by default; the server runs it in a worker thread). */
  extract?: typeof extractDocumentText;
};

/**
 * Ingests one uploaded file of any supported format through ingestFiles, like file ingest: a file
 * that cannot be read is a failed line in the summary and leaves the store as it was.
 */
export async function ingestUpload(
  name: string,
  bytes: Uint8Array,
  options: IngestUploadOptions,
): Promise<UploadResult> {
  const { onProgress: progress, ocr, entry, extract, ...ingestOptions } = options;
  const now = options.now ?? (() => Date.now());
  const started = now();
  progress?.({ stage: "received", done: bytes.byteLength, total: bytes.byteLength });
  let extracted: ExtractedText;
  try {
    extracted = await (extract ?? extractDocumentText)(name, bytes, {
      ocr,
      maxBytes: options.maxBytes,
      onProgress: (step: ExtractProgress) => progress?.(step),
    });
  } catch (error) {
    if (!(error instanceof BilagsassistentError)) throw error;
    const summary: IngestSummary = {
      files: [{ file: name, status: "failed", code: error.code, error: error.message }],
      documents: 0,
      cards: 0,
      figures: 0,
      failed: 1,
      flags: {},
      elapsedMs: now() - started,
    };
    return { summary, warnings: [] };
  }
  const completed = withPages(completeEntry(name, extracted.text, entry), extracted);
  const summary = await ingestFiles(
    [
      {
        name,
        bytes: new TextEncoder().encode(extracted.text),
        ...(completed === undefined ? {} : { entry: completed }),
      },
    ],
    {
      ...ingestOptions,
      onProgress: (step: IngestProgress) =>
        progress?.({ stage: "index", done: step.done, total: step.total }),
    },
  );
  summary.files = summary.files.map((file) => {
    if (file.status !== "failed") return file;
    const explained = explainLayout(name, extracted.format, new CorpusError(file.code, file.error));
    return explained instanceof BilagsassistentError
      ? { ...file, code: explained.code, error: explained.message }
      : file;
  });
  summary.elapsedMs = now() - started;
  progress?.({ stage: "done", done: 1, total: 1 });
  return {
    summary,
    format: extracted.format,
    pages: extracted.pages,
    warnings: extracted.warnings,
  };
}
