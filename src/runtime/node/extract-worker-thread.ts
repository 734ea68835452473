/**
 * The worker thread behind extract-worker.ts: reads one document's text and posts it back. OCR is
 * not done here (the engine is a port of the main thread): a PDF that needs it answers
 * "needs_ocr" and the main thread reads it with OCR. Node only.
 */
import { parentPort } from "node:worker_threads";
import { BilagsassistentError } from "../../errors/errors.ts";
import { extractDocumentText } from "../../import/extract-text.ts";
import type { OcrPort } from "../../import/ocr.ts";

export type ExtractJob = { name: string; bytes: Uint8Array; maxBytes?: number; ocr: boolean };
export type ExtractReply =
  | { ok: true; value: Awaited<ReturnType<typeof extractDocumentText>> }
  | { ok: false; needsOcr: true }
  | {
      ok: false;
      needsOcr?: false;
      error: {
        code: string;
        message: string;
        category: string;
        tooLarge: boolean;
        details?: Record<string, unknown>;
      };
    };

class NeedsOcr extends Error {}

/** Says OCR is there, so a scanned page is reported to the main thread instead of skipped. */
const OCR_PROBE: OcrPort = {
  name: "main thread",
  unavailable: async () => undefined,
  recognise: async () => {
    throw new NeedsOcr("needs OCR");
  },
};

parentPort?.on("message", async (job: ExtractJob) => {
  let reply: ExtractReply;
  try {
    const value = await extractDocumentText(job.name, job.bytes, {
      ...(job.ocr ? { ocr: OCR_PROBE } : {}),
      ...(job.maxBytes === undefined ? {} : { maxBytes: job.maxBytes }),
    });
    reply = { ok: true, value };
  } catch (error) {
    if (error instanceof NeedsOcr || (error instanceof Error && error.cause instanceof NeedsOcr))
      reply = { ok: false, needsOcr: true };
    else if (error instanceof BilagsassistentError)
      reply = {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          category: error.category,
          tooLarge: error.constructor.name === "TooLargeError",
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      };
    else
      reply = {
        ok: false,
        error: {
          code: "extract_failed",
          message: error instanceof Error ? error.message : String(error),
          category: "system",
          tooLarge: false,
        },
      };
  }
  parentPort?.postMessage(reply);
});
