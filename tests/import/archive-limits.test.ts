/**
 * Decompression bombs and oversized archives are refused before any reader unpacks them: checked
 * by declared sizes, then by inflating as a stream (an archive that lies about its sizes), over
 * HTTP with a 413, fast and without the memory a reader would spend.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDraftDocx } from "../../src/drafting/export-docx.ts";
import { handleError } from "../../src/http/errors.ts";
import { createImportRoutes } from "../../src/http/import-routes.ts";
import { validationHook } from "../../src/http/openapi.ts";
import { checkArchive, DEFAULT_ARCHIVE_LIMITS } from "../../src/import/archive-limits.ts";
import { createMemoryAllocationStore } from "../../src/import/allocation-store.ts";
import { checkPdfObjects } from "../../src/import/extract-text.ts";
import { createTempStore } from "../../evals/support/corpus-store.ts";
import { assessmentDraft } from "../support/draft.ts";
import { buildZip, docxBomb, xlsxBomb } from "../../evals/support/zip.ts";

let temp: Awaited<ReturnType<typeof createTempStore>>;
let app: OpenAPIHono;
beforeAll(async () => {
  temp = await createTempStore();
  app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError((error, c) => handleError(error, c, () => undefined));
  app.route(
    "/",
    createImportRoutes({
      store: temp.store,
      embedder: temp.embedder,
      allocations: createMemoryAllocationStore(),
    }),
  );
});
afterAll(async () => temp.dispose());

const upload = (path: string, bytes: Uint8Array) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: bytes,
  });

describe("archive limits", () => {
  it("lets a real Word document through and measures it", async () => {
    const bytes = await exportDraftDocx(
      assessmentDraft({
        title: "Virksomhedsrettet indsats",
        sections: [
          {
            key: "indholdIJusteretIndsats",
            heading: "Indhold i justeret indsats",
            text: "Forvaltningens faglige vurdering er, at indsatsen videreføres uændret.",
            start: 0,
            fromData: false,
          },
        ],
      }),
    );
    const report = await checkArchive("udkast.docx", bytes);
    expect(report.entries).toBeGreaterThan(3);
    expect(report.totalBytes).toBeGreaterThan(bytes.byteLength);
  });

  for (const megabytes of [20, 100])
    it(`refuses a ${megabytes} MB document.xml in a small .docx with 413, fast, over HTTP`, async () => {
      const bomb = docxBomb(megabytes);
      // A few KB per MB inside: a ratio of some hundreds.
      expect(bomb.byteLength).toBeLessThan(megabytes * 4_000);
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const response = await upload("/api/documents?name=bombe.docx", bomb);
      const elapsed = performance.now() - started;
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("archive_too_large");
      expect(body.error.message).toContain("word/document.xml");
      expect(elapsed).toBeLessThan(2_000);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
      // Nothing was stored.
      expect(await temp.store.count()).toBe(0);
    });

  it("catches an archive that declares small sizes while inflating it", async () => {
    const liar = docxBomb(20, { uncompressed: 1_000 });
    await expect(checkArchive("liar.docx", liar)).rejects.toMatchObject({
      code: "archive_too_large",
    });
    const response = await upload("/api/documents?name=liar.docx", liar);
    expect(response.status).toBe(413);
  });

  it("refuses too many entries and a whole archive past its total", async () => {
    const many = buildZip(
      Array.from({ length: DEFAULT_ARCHIVE_LIMITS.maxEntries + 1 }, (_, index) => ({
        name: index === 0 ? "word/document.xml" : `word/media/${index}.xml`,
        data: new TextEncoder().encode("<x/>"),
      })),
    );
    await expect(checkArchive("many.docx", many)).rejects.toMatchObject({
      code: "archive_too_large",
      details: { maxEntries: DEFAULT_ARCHIVE_LIMITS.maxEntries },
    });
    const random = (size: number) => {
      const bytes = new Uint8Array(size);
      for (let at = 0; at < size; at += 65_536)
        crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
      return bytes;
    };
    const wide = buildZip(
      Array.from({ length: 5 }, (_, index) => ({
        name: `word/media/${index}.bin`,
        data: random(4_000_000),
      })),
    );
    await expect(
      checkArchive("wide.docx", wide, { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 16_000_000 }),
    ).rejects.toMatchObject({ code: "archive_too_large" });
  });

  it("answers a damaged archive with 400, not 500", async () => {
    const bytes = docxBomb(1);
    const cut = bytes.slice(0, bytes.byteLength - 30);
    const response = await upload("/api/documents?name=cut.docx", cut);
    expect(response.status).toBe(400);
  });

  it("refuses an .xlsx bomb on the allocation import with 413", async () => {
    const response = await upload("/api/allocations/import?name=bombe.xlsx", xlsxBomb(40));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "archive_too_large",
    );
  });

  it("refuses a PDF of too many objects before pdf.js reads it", async () => {
    const objects = "1 0 obj\n<<>>\nendobj\n".repeat(1_001);
    const pdf = new TextEncoder().encode(`%PDF-1.4\n${objects}%%EOF\n`);
    expect(checkPdfObjects("ok.pdf", pdf, 2_000)).toBe(1_001);
    expect(() => checkPdfObjects("many.pdf", pdf, 1_000)).toThrow(/more than 1\.000 objects/u);
  });
});
