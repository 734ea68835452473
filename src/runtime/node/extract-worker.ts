/**
 * Upload parsing off the main event loop: each document is read in a worker thread with a time
 * budget and a heap limit. A document that takes longer is stopped (413 `extract_timeout`); one that
 * runs the worker out of memory is refused (413 `extract_out_of_memory`); the server's event loop
 * and heap are not touched either way. A PDF that needs OCR is read on the main thread with the
 * OCR port (tesseract runs in its own processes). Node only.
 */
import { Worker } from "node:worker_threads";
import { BilagsassistentError, CorpusError, TooLargeError } from "../../errors/errors.ts";
import {
  extractDocumentText,
  type ExtractOptions,
  type ExtractedText,
} from "../../import/extract-text.ts";
import type { ExtractJob, ExtractReply } from "./extract-worker-thread.ts";

export type WorkerExtractorOptions = {
  /** Longest one document may take, ms. */
  timeoutMs?: number;
  /** The worker's heap limit, MB. */
  maxHeapMb?: number;
};

/** Inside the default request timeout (30 s), so the caller gets the clearer 413. */
export const DEFAULT_EXTRACT_TIMEOUT_MS = 25_000;
export const DEFAULT_EXTRACT_HEAP_MB = 512;

const THREAD = new URL("./extract-worker-thread.ts", import.meta.url);
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then((api) => { api.register(); return import(workerData.thread); });
`;

function runInWorker(job: ExtractJob, timeoutMs: number, maxHeapMb: number): Promise<ExtractReply> {
  return new Promise((resolve, reject) => {
    // The thread is TypeScript like the rest: tsx's loader is registered in it first.
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { thread: THREAD.href },
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new TooLargeError(
              "extract_timeout",
              `${job.name}: reading the file took longer than ${(timeoutMs / 1000).toLocaleString("da-DK")} s and was stopped. Split the document, or save it again as a plain PDF or Word file.`,
              { details: { file: job.name, timeoutMs } },
            ),
          ),
        ),
      timeoutMs,
    );
    worker.once("message", (reply: ExtractReply) => finish(() => resolve(reply)));
    worker.once("error", (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new TooLargeError(
                "extract_out_of_memory",
                `${job.name}: reading the file needs more than ${maxHeapMb} MB of memory, far more than an annex or budget note; nothing was read. Split the document.`,
                { details: { file: job.name, maxHeapMb } },
              )
            : error,
        ),
      ),
    );
    worker.once("exit", (code) =>
      finish(() => reject(new Error(`the extract worker stopped (exit code ${code})`))),
    );
    worker.postMessage(job);
  });
}

/** extractDocumentText, run in a worker thread with a time budget and a heap limit. */
export function createWorkerExtractor(options: WorkerExtractorOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_EXTRACT_HEAP_MB;
  return async (
    name: string,
    bytes: Uint8Array,
    extractOptions: ExtractOptions = {},
  ): Promise<ExtractedText> => {
    const reply = await runInWorker(
      {
        name,
        bytes,
        ocr: extractOptions.ocr !== undefined,
        ...(extractOptions.maxBytes === undefined ? {} : { maxBytes: extractOptions.maxBytes }),
      },
      timeoutMs,
      maxHeapMb,
    );
    if (reply.ok) return reply.value;
    if (reply.needsOcr === true) return extractDocumentText(name, bytes, extractOptions);
    const { code, message, details, tooLarge, category } = reply.error;
    if (tooLarge) throw new TooLargeError(code, message, details === undefined ? {} : { details });
    if (category === "user")
      throw new CorpusError(code, message, details === undefined ? {} : { details });
    throw new BilagsassistentError(code, "system", message);
  };
}

export type DocumentExtractor = ReturnType<typeof createWorkerExtractor>;
