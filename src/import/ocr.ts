/**
 * The port for optical character recognition of scanned pages. The Node adapter runs Debian's
 * `tesseract` (src/runtime/node/tesseract.ts); tests use a fake. Pages reach it as raw pixels.
 */

/** A page's scanned image: raw pixels, row by row, `channels` bytes per pixel (1 grey, 3 RGB, 4 RGBA). */
export type PageImage = {
  page: number;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
};

export type OcrPort = {
  /** Engine name for messages and warnings ("tesseract 5.3.0 (dan)"). */
  readonly name: string;
  /** Undefined when the engine can read Danish; else why not (not installed, no Danish data). */
  unavailable(): Promise<string | undefined>;
  /** The text of one page image. */
  recognise(image: PageImage): Promise<string>;
};

export const OCR_INSTALL_HINT =
  "Install Debian's tesseract-ocr and tesseract-ocr-dan (apt-get install tesseract-ocr tesseract-ocr-dan) to read it, or give a PDF with text.";

/** The message for a scanned PDF that cannot be read here. */
export function scannedPdfMessage(file: string, reason?: string): string {
  return `${file}: the PDF has no text layer (scanned pages). ${OCR_INSTALL_HINT}${reason === undefined ? "" : ` (${reason})`}`;
}
