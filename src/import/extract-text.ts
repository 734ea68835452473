/**
 * Any supported document to text in the layouts the existing parsers read, with page spans:
 * PDF (text layer, or OCR when available), Word (.docx) or UTF-8 text, told apart by content.
 */
import { loadDanishLexicon } from "../corpus/danish-lexicon.ts";
import { ANNEX_CARDS_LAYOUT } from "../corpus/parse-annex-cards.ts";
import { LAYOUT_PARSERS } from "../corpus/parsers.ts";
import { DEFAULT_MAX_DOCUMENT_BYTES, decodeSourceText } from "../corpus/read-document.ts";
import { repairOcr } from "../corpus/repair-ocr.ts";
import { CorpusError } from "../errors/errors.ts";
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
