/**
 * Any supported document to text in the layouts the existing parsers read, with page spans:
 * PDF (text layer, or OCR when available), Word (.docx) or UTF-8 text, told apart by content.
 */
import { loadDanishLexicon } from "../corpus/danish-lexicon.ts";
import { ANNEX_CARDS_LAYOUT } from "../corpus/parse-annex-cards.ts";
import { LAYOUT_PARSERS } from "../corpus/parsers.ts";
import { DEFAULT_MAX_DOCUMENT_BYTES, decodeSourceText } from "../corpus/read-document.ts";
import { repairOcr } from "../corpus/repair-ocr.ts";
import { CorpusError, TooLargeError } from "../errors/errors.ts";
import { checkArchive } from "./archive-limits.ts";
import { describeFormat, detectFormat } from "./detect-format.ts";
import { extractDocxText } from "./docx-text.ts";
import type { OcrPort } from "./ocr.ts";
import type { ExtractProgress, PageSpan } from "./pdf-text.ts";
import { extractPdfText } from "./pdf-text.ts";

export type { ExtractProgress, PageSpan } from "./pdf-text.ts";

export type ExtractedText = {
  text: string;
  /** Each page's span in `text` (one page for Word and text files). */
  pages: PageSpan[];
  format: "pdf" | "docx" | "text";
  warnings: string[];
  /** Whether any of the text came from OCR. */
  ocr: boolean;
};

export type ExtractOptions = {
  /** OCR for scanned PDFs; without it a scanned PDF is refused with how to enable OCR. */
  ocr?: OcrPort | undefined;
  /** Largest accepted file, bytes (MAX_DOCUMENT_BYTES). */
  maxBytes?: number | undefined;
  maxPages?: number | undefined;
  onProgress?: ((progress: ExtractProgress) => void) | undefined;
};

function tooLarge(name: string, bytes: number, maxBytes: number): CorpusError {
  return new CorpusError(
    "file_too_large",
    `${name}: the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxBytes / 1024 / 1024).toFixed(1)} MB. Split the document or raise MAX_DOCUMENT_BYTES.`,
    {
      details: { file: name, bytes, maxBytes },
    },
  );
}

/** Most indirect objects in a PDF (a 500-page report has some tens of thousands). */
export const MAX_PDF_OBJECTS = 200_000;

/**
 * Counts a PDF's indirect objects ("12 0 obj") before pdf.js reads it: a file of millions of tiny
 * objects costs pdf.js far more memory and time than its size suggests. Objects inside compressed
 * object streams are not seen here; the page limit and the upload worker's time budget bound those.
 */
export function checkPdfObjects(name: string, bytes: Uint8Array, maxObjects = MAX_PDF_OBJECTS) {
  let objects = 0;
  // "obj" preceded by a space or digit; bytes, not text, so binary streams cost nothing extra.
  for (let index = 3; index < bytes.byteLength - 2; index += 1) {
    if (bytes[index] !== 0x6f || bytes[index + 1] !== 0x62 || bytes[index + 2] !== 0x6a) continue;
    const before = bytes[index - 1];
    const digit = bytes[index - 2];
    if (before === 0x20 && digit !== undefined && digit >= 0x30 && digit <= 0x39) objects += 1;
    if (objects > maxObjects)
      throw new TooLargeError(
        "pdf_too_many_objects",
        `${name}: the PDF holds more than ${maxObjects.toLocaleString("da-DK")} objects, far more than an annex or budget note; nothing was read. Print it to a new PDF, or split it.`,
        { details: { file: name, maxObjects } },
      );
  }
  return objects;
}

/**
 * OCR text that no parser repairs itself is repaired here (the 2026 annex-cards parser repairs its
 * sections and keeps the raw OCR text for citations; the other layouts expect clean text).
 */
async function repairUnlessCardsLayout(text: string): Promise<{ text: string; repaired: boolean }> {
  const layout = LAYOUT_PARSERS.find((parser) => parser.detect(text))?.layout;
  if (layout === ANNEX_CARDS_LAYOUT) return { text, repaired: false };
  await loadDanishLexicon();
  return { text: repairOcr(text).text, repaired: true };
}

/** Reads a document's bytes as text. Throws CorpusError naming the file (and page) and the reason. */
export async function extractDocumentText(
  name: string,
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractedText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (bytes.byteLength > maxBytes) throw tooLarge(name, bytes.byteLength, maxBytes);
  if (bytes.byteLength === 0)
    throw new CorpusError("file_empty", `${name}: the file is empty.`, { details: { file: name } });
  const format = detectFormat(bytes);
  switch (format) {
    case "pdf": {
      checkPdfObjects(name, bytes);
      const pdf = await extractPdfText(name, bytes, {
        ocr: options.ocr,
        onProgress: options.onProgress,
        maxPages: options.maxPages,
      });
      if (pdf.text.trim() === "")
        throw new CorpusError("file_empty", `${name}: the PDF holds no text.`, {
          details: { file: name },
        });
      if (!pdf.ocr)
        return { text: pdf.text, pages: pdf.pages, format, warnings: pdf.warnings, ocr: false };
      // Repair changes lengths; page spans then hold only for the unrepaired text, so keep the repair per page.
      const warnings = [...pdf.warnings];
      const layoutRepair = await repairUnlessCardsLayout(pdf.text);
      if (!layoutRepair.repaired)
        return { text: pdf.text, pages: pdf.pages, format, warnings, ocr: true };
      let text = "";
      const pages: PageSpan[] = [];
      for (const page of pdf.pages) {
        if (text !== "") text += "\n\n";
        const start = text.length;
        text += repairOcr(pdf.text.slice(page.start, page.end)).text;
        pages.push({ number: page.number, start, end: text.length });
      }
      warnings.push(`${name}: OCR damage repaired with the Danish lexicon.`);
      return { text: `${text}\n`, pages, format, warnings, ocr: true };
    }
    case "docx": {
      // A decompression bomb is refused (413) before mammoth unpacks anything.
      await checkArchive(name, bytes);
      const docx = await extractDocxText(name, bytes);
      return {
        text: docx.text,
        pages: [{ number: 1, start: 0, end: docx.text.length }],
        format,
        warnings: docx.warnings,
        ocr: false,
      };
    }
    case "text": {
      const text = decodeSourceText(name, bytes, maxBytes);
      return {
        text,
        pages: [{ number: 1, start: 0, end: text.length }],
        format,
        warnings: [],
        ocr: false,
      };
    }
    case "xlsx":
      throw new CorpusError(
        "spreadsheet_not_document",
        `${name}: the file is a spreadsheet, not an annex or budget note. Import allocation spreadsheets with POST /api/allocations/import (or npm run cli -- allocations import FILE).`,
        { details: { file: name } },
      );
    case "unknown":
      throw new CorpusError(
        "format_unknown",
        `${name}: the file is ${describeFormat(bytes)}. Give a PDF, a Word document (.docx) or UTF-8 text.`,
        { details: { file: name } },
      );
  }
}

/** The page a character offset of an extracted text lies on. */
export function pageAt(pages: readonly PageSpan[], offset: number): number | undefined {
  return pages.find((page) => offset >= page.start && offset <= page.end)?.number;
}
