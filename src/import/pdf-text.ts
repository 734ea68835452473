/**
 * PDF to text with unpdf (pdf.js): text items with their positions, rebuilt into lines and pages by
 * pdf-layout.ts. A PDF without a text layer (scanned) goes through the OCR port when one is given
 * and ready, else it is refused with how to enable OCR.
 */
import { extractImages, getDocumentProxy } from "unpdf";
import { CorpusError } from "../errors/errors.ts";
import type { OcrPort, PageImage } from "./ocr.ts";
import { scannedPdfMessage } from "./ocr.ts";
import type { PdfPageItems, PdfTextItem } from "./pdf-layout.ts";
import { joinPages, pageText, removeRepeatedMargins } from "./pdf-layout.ts";

export type PageSpan = { number: number; start: number; end: number };

export type ExtractProgress = { stage: "extract" | "ocr"; done: number; total: number };

export type PdfExtraction = { text: string; pages: PageSpan[]; warnings: string[]; ocr: boolean };

export type PdfExtractOptions = {
  ocr?: OcrPort | undefined;
  onProgress?: ((progress: ExtractProgress) => void) | undefined;
  maxPages?: number | undefined;
};

export const DEFAULT_MAX_PAGES = 500;

/** A page with fewer visible characters than this has no text layer worth reading. */
const MIN_PAGE_CHARACTERS = 3;

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

function containsEncrypt(bytes: Uint8Array): boolean {
  return new TextDecoder("latin1").decode(bytes).includes("/Encrypt");
}

async function openPdf(name: string, bytes: Uint8Array): Promise<PdfProxy> {
  const encrypted = (cause?: unknown) =>
    new CorpusError(
      "pdf_encrypted",
      `${name}: the PDF is encrypted (password-protected), so its text cannot be read. Save an unprotected copy (print to PDF, or remove the password) and upload that.`,
      {
        cause,
        details: { file: name },
      },
    );
  let pdf: PdfProxy;
  try {
    // pdf.js may take over the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (cause) {
    const kind = cause instanceof Error ? cause.name : "";
    if (kind === "PasswordException" || containsEncrypt(bytes)) throw encrypted(cause);
    throw new CorpusError(
      "pdf_invalid",
      `${name}: the PDF cannot be read (${cause instanceof Error ? cause.message : String(cause)}). Check that the file is a complete PDF.`,
      { cause, details: { file: name } },
    );
  }
  return pdf;
}

async function pageItems(pdf: PdfProxy, number: number): Promise<PdfPageItems> {
  const page = await pdf.getPage(number);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const [x0 = 0, y0 = 0] = viewport.viewBox as number[];
  const items: PdfTextItem[] = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str === "") continue;
    const transform = item.transform as number[];
    const scaleY = Math.hypot(transform[2] ?? 0, transform[3] ?? 0);
    items.push({
      text: item.str,
      x: (transform[4] ?? 0) - x0,
      y: (transform[5] ?? 0) - y0,
      width: item.width,
      height: item.height || scaleY,
    });
  }
  page.cleanup();
  return { number, width: viewport.width, height: viewport.height, items };
}

function visibleCharacters(page: PdfPageItems): number {
  return page.items.reduce((sum, item) => sum + item.text.replace(/\s+/gu, "").length, 0);
}

/** The largest image on a page as raw pixels: for a scanned page, the scan. */
async function pageImage(pdf: PdfProxy, number: number): Promise<PageImage | undefined> {
  const images = await extractImages(pdf, number);
  let best: (typeof images)[number] | undefined;
  for (const image of images)
    if (best === undefined || image.width * image.height > best.width * best.height) best = image;
  return best === undefined
    ? undefined
    : {
        page: number,
        width: best.width,
        height: best.height,
        channels: best.channels,
        data: best.data,
      };
}

/** OCR text of one page as lines. */
async function ocrPage(
  name: string,
  pdf: PdfProxy,
  number: number,
  ocr: OcrPort,
): Promise<string[] | undefined> {
  const image = await pageImage(pdf, number);
  if (image === undefined) return undefined;
  let text: string;
  try {
    text = await ocr.recognise(image);
  } catch (cause) {
    throw new CorpusError(
      "ocr_failed",
      `${name}, page ${number}: ${ocr.name} could not read the page (${cause instanceof Error ? cause.message : String(cause)}).`,
      { cause, details: { file: name, page: number } },
    );
  }
  return text
    .replace(/\r\n?/gu, "\n")
    .replace(/\f/gu, "")
    .split("\n")
    .map((line) => line.replace(/\s+$/u, ""));
}

/** Reads the text of a PDF, page by page, with the page spans in the result text. */
export async function extractPdfText(
  name: string,
  bytes: Uint8Array,
  options: PdfExtractOptions = {},
): Promise<PdfExtraction> {
  const pdf = await openPdf(name, bytes);
  try {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    if (pdf.numPages > maxPages) {
      throw new CorpusError(
        "pdf_too_many_pages",
        `${name}: the PDF has ${pdf.numPages} pages; at most ${maxPages} are read. Split the document.`,
        { details: { file: name, pages: pdf.numPages } },
      );
    }
    const pages: PdfPageItems[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      try {
        pages.push(await pageItems(pdf, number));
      } catch (cause) {
        throw new CorpusError(
          "pdf_page_unreadable",
          `${name}, page ${number}: the page cannot be read (${cause instanceof Error ? cause.message : String(cause)}).`,
          { cause, details: { file: name, page: number } },
        );
      }
      options.onProgress?.({ stage: "extract", done: number, total: pdf.numPages });
    }
    const warnings: string[] = [];
    const textless = pages
      .filter((page) => visibleCharacters(page) < MIN_PAGE_CHARACTERS)
      .map((page) => page.number);
    let ocrReady = false;
    if (textless.length > 0) {
      const reason = options.ocr === undefined ? undefined : await options.ocr.unavailable();
      ocrReady = options.ocr !== undefined && reason === undefined;
      if (!ocrReady && textless.length === pages.length) {
        throw new CorpusError("pdf_scanned", scannedPdfMessage(name, reason), {
          details: { file: name, pages: textless },
        });
      }
      if (!ocrReady)
        warnings.push(
          `${name}: page${textless.length === 1 ? "" : "s"} ${textless.join(", ")} ha${textless.length === 1 ? "s" : "ve"} no text layer (scanned) and ${textless.length === 1 ? "was" : "were"} left out. To read them, install Debian's tesseract-ocr and tesseract-ocr-dan.`,
        );
    }
    const withText = pages.filter((page) => !textless.includes(page.number));
    const { lines, removed } = removeRepeatedMargins(withText);
    if (removed.length > 0)
      warnings.push(
        `${name}: removed repeated page headers/footers: ${removed.map((text) => `"${text}"`).join(", ")}.`,
      );
    const texts = new Map<number, string[]>();
    withText.forEach((page, index) => {
      const result = pageText(page, lines[index]);
      if (result.twoColumn)
        warnings.push(
          `${name}, page ${page.number}: two columns, read left column first, then right.`,
        );
      texts.set(page.number, result.lines);
    });
    if (ocrReady && options.ocr !== undefined) {
      for (const [index, number] of textless.entries()) {
        const ocrLines = await ocrPage(name, pdf, number, options.ocr);
        if (ocrLines === undefined)
          warnings.push(`${name}, page ${number}: neither text nor a scanned image; left out.`);
        else texts.set(number, ocrLines);
        options.onProgress?.({ stage: "ocr", done: index + 1, total: textless.length });
      }
      warnings.push(
        `${name}: page${textless.length === 1 ? "" : "s"} ${textless.join(", ")} read by OCR (${options.ocr.name}).`,
      );
    }
    const ordered = pages
      .filter((page) => texts.has(page.number))
      .map((page) => ({ number: page.number, lines: texts.get(page.number) ?? [] }));
    const joined = joinPages(ordered);
    return {
      text: joined.text,
      pages: joined.pages,
      warnings,
      ocr: ocrReady && textless.length > 0,
    };
  } finally {
    await pdf.destroy();
  }
}
