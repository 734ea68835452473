/**
 * Upload parsing in a worker thread: the same text as in-process, a time budget that stops a slow
 * document with a 413-class error, and the main event loop free meanwhile.
 */
import { describe, expect, it } from "vitest";
import { TooLargeError } from "../../src/errors/errors.ts";
import { extractDocumentText } from "../../src/import/extract-text.ts";
import { createWorkerExtractor } from "../../src/runtime/node/extract-worker.ts";
import { docxBomb } from "../../evals/support/zip.ts";

const TEXT = "Københavns Kommune\n\nVirksomhedsrettet indsats\n\nNr. 1\n";

describe("worker extractor", () => {
  it("reads a document in a worker thread to the same text as in-process", async () => {
    const extract = createWorkerExtractor({ timeoutMs: 30_000 });
    const bytes = new TextEncoder().encode(TEXT);
    const inWorker = await extract("kort.txt", bytes);
    const inProcess = await extractDocumentText("kort.txt", bytes);
    expect(inWorker).toEqual(inProcess);
    const docx = docxBomb(0.2);
    expect(await extract("lille.docx", docx)).toEqual(
      await extractDocumentText("lille.docx", docx),
    );
  }, 60_000);

  it("passes a refusal on with its code (a bomb is still a 413)", async () => {
    const extract = createWorkerExtractor({ timeoutMs: 30_000 });
    const refused = await extract("bombe.docx", docxBomb(20)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooLargeError);
    expect(refused).toMatchObject({ code: "archive_too_large" });
  }, 60_000);

  it("stops a document past the time budget and keeps the event loop free meanwhile", async () => {
    // A budget shorter than starting a worker and reading half a megabyte of XML takes.
    const extract = createWorkerExtractor({ timeoutMs: 200 });
    const slow = docxBomb(0.5);
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 50);
    const started = performance.now();
    const outcome = await extract("langsom.docx", slow).catch((error: unknown) => error);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(outcome).toMatchObject({ code: "extract_timeout" });
    expect(elapsed).toBeLessThan(5_000);
    // The main loop kept ticking while the worker parsed (about one tick per 50 ms).
    expect(ticks).toBeGreaterThan(elapsed / 50 / 3);
  }, 60_000);
});
