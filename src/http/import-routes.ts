/**
 * Bring your own files: upload an annex or budget note (PDF, Word or text, told apart by content)
 * into the index, and import or export allocation spreadsheets. Uploads go through the same ingest
 * as files on disk: a file that fails stores nothing, the same file twice is "unchanged".
 *
 * Mount these routes before the validation routes: GET /api/allocations/export must be matched
 * before GET /api/allocations/{id}.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { IngestSummary } from "../corpus/ingest.ts";
import { DEFAULT_MAX_DOCUMENT_BYTES, type DocumentEntry } from "../corpus/read-document.ts";
import { DOCUMENT_KINDS } from "../domain/index.ts";
import { InputError } from "../errors/errors.ts";
import { writeAllocationSpreadsheet } from "../import/allocation-sheet.ts";
import { importAllocationSpreadsheet } from "../import/allocation-store.ts";
import type { AllocationStore } from "../ports/allocation-store.ts";
import {
  ingestUpload,
  type IngestUploadOptions,
  type UploadProgress,
  type UploadResult,
} from "../import/import-document.ts";
import type { OcrPort } from "../import/ocr.ts";
import { createReplaceGuard, type ReplaceReport } from "../import/replace-guard.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import { BilagsassistentError } from "../errors/errors.ts";
import type { Embedder } from "../ports/embedder.ts";
import { errorBody, validationErrorResponse } from "./errors.ts";
import { ErrorSchema, validationHook } from "./openapi.ts";
import { UPLOAD_EVENTS, UploadResultSchema, eventFramesSchema } from "./sse-events.ts";

export type ImportRouteDependencies = {
  store: CorpusStore;
  embedder: Embedder;
  /** Writable allocation data; without it the allocation import and export routes are not served. */
  allocations?: AllocationStore;
  /** OCR for scanned PDFs (the tesseract port in Node); without it they are refused with how to enable it. */
  ocr?: OcrPort;
  /** Largest accepted file, bytes (MAX_DOCUMENT_BYTES). */
  maxDocumentBytes?: number;
  /** Drafts, to name those whose cards a replacing upload would remove. */
  drafts?: Pick<DraftStore, "list" | "get">;
  /** Reads an upload's text (in-process by default; the Node server runs it in a worker thread). */
  extract?: IngestUploadOptions["extract"];
  /** Runs before each upload and import (e.g. an admin-role check). */
  authorize?: MiddlewareHandler;
  now?: () => number;
};

const EntryQuerySchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[\p{L}\d][\p{L}\d._-]*$/u, "letters, digits, '.', '_' and '-'")
    .meta({ examples: ["bilag-2026", "budgetnotat_bi07.2023", "økonomi-2025"] })
    .optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  budgetYear: z.coerce.number().int().min(1990).max(2100).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  stream: z.enum(["0", "1", "true", "false"]).optional(),
  name: z.string().trim().min(1).max(255).optional(),
  /** Replace a stored document with the same id (kind and year); without it that is a 409. */
  replace: z.enum(["0", "1", "true", "false"]).optional(),
  /** Replace even when cards that drafts were written from vanish. */
  confirm: z.enum(["0", "1", "true", "false"]).optional(),
});

const yes = (value: string | undefined) => value === "1" || value === "true";

type Upload = { name: string; bytes: Uint8Array };

/** Failures that mean "too large to read" (413), not "malformed" (400). */
const TOO_LARGE_CODES = new Set([
  "file_too_large",
  "archive_too_large",
  "pdf_too_many_objects",
  "extract_timeout",
]);

function tooLarge(name: string, bytes: number, maxBytes: number) {
  return errorBody(
    "file_too_large",
    `${name}: the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxBytes / 1024 / 1024).toFixed(1)} MB. Split the document or raise MAX_DOCUMENT_BYTES.`,
    { file: name, bytes, maxBytes },
  );
}

/** A multipart form, or a 400 saying what is wrong with it (no boundary, a broken body). */
async function readForm(c: Context, type: string) {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/iu.exec(type);
  if (boundary === null)
    throw new InputError(
      "multipart_invalid",
      'The Content-Type multipart/form-data has no boundary (e.g. "multipart/form-data; boundary=xyz"). Let the HTTP client build the form (curl -F file=@FILE), or send the file as the raw body.',
    );
  try {
    return await c.req.parseBody({ all: true });
  } catch (error) {
    throw new InputError(
      "multipart_invalid",
      "The multipart form cannot be read: its parts do not follow the boundary given in Content-Type, or it ends early. Let the HTTP client build the form (curl -F file=@FILE), or send the file as the raw body.",
      { cause: error },
    );
  }
}

/** A Content-Disposition file name, percent-decoded; a 400 when the encoding is broken. */
function decodeFileName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch (error) {
    throw new InputError(
      "filename_invalid",
      `The file name in Content-Disposition ("${encoded.slice(0, 100)}") is not valid percent-encoded UTF-8. Encode it as filename*=UTF-8''<percent-encoded name>, or give ?name=.`,
      { cause: error },
    );
  }
}

/** The file of a request: the first file of a multipart form (field "file" first), or the raw body. */
async function readUpload(c: Context, fallbackName: string): Promise<Upload> {
  const type = c.req.header("content-type") ?? "";
  if (/^multipart\/form-data/iu.test(type)) {
    const form = await readForm(c, type);
    const values = [form.file, ...Object.values(form)].flat();
    const file = values.find(
      (value): value is File =>
        typeof value === "object" && value !== null && "arrayBuffer" in value,
    );
    if (file === undefined)
      throw new InputError(
        "file_missing",
        'The form holds no file. Send the document as the form field "file".',
      );
    return { name: file.name || fallbackName, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const disposition = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/iu.exec(
    c.req.header("content-disposition") ?? "",
  )?.[1];
  const name =
    c.req.query("name") ??
    (disposition === undefined ? undefined : decodeFileName(disposition)) ??
    c.req.header("x-filename") ??
    fallbackName;
  return { name, bytes: new Uint8Array(await c.req.arrayBuffer()) };
}

function entryOf(query: z.infer<typeof EntryQuerySchema>): DocumentEntry | undefined {
  const entry: DocumentEntry = {};
  if (query.id !== undefined) entry.id = query.id;
  if (query.kind !== undefined) entry.kind = query.kind;
  if (query.year !== undefined) entry.year = query.year;
  if (query.budgetYear !== undefined) entry.budgetYear = query.budgetYear;
  if (query.title !== undefined) entry.title = query.title;
  return Object.keys(entry).length === 0 ? undefined : entry;
}

function failureOf(summary: IngestSummary) {
  const failed = summary.files.find((file) => file.status === "failed");
  return failed === undefined || failed.status !== "failed" ? undefined : failed;
}

function uploadBody(result: UploadResult) {
  const { summary, warnings } = result;
  return {
    summary,
    ...(result.format === undefined ? {} : { format: result.format }),
    ...(result.pages === undefined ? {} : { pages: result.pages }),
    warnings,
  };
}

/** What a confirmed replace removed: the vanished cards and the drafts written from them. */
function replaced(report: ReplaceReport | undefined) {
  return report === undefined ? {} : { replaced: report };
}

export function createImportRoutes(deps: ImportRouteDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const maxBytes = deps.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  // A multipart body carries the file plus its form; allow for that, and check the file itself after.
  const limit = bodyLimit({
    maxSize: maxBytes + 64 * 1024,
    onError: (c) =>
      c.json(
        errorBody(
          "body_too_large",
          `The request body is larger than the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit for a file (MAX_DOCUMENT_BYTES).`,
        ),
        413,
      ),
  });
  const authorize = deps.authorize;
  const guard: MiddlewareHandler = async (c, next) => {
    if (authorize === undefined) return limit(c, next);
    return authorize(c, async () => {
      const refused = await limit(c, next);
      if (refused instanceof Response) c.res = refused;
    });
  };

  app.post("/api/documents", guard, async (c) => {
    const query = EntryQuerySchema.safeParse(c.req.query());
    if (!query.success) return validationErrorResponse(c, query.error, "query");
    const upload = await readUpload(c, query.data.name ?? "upload");
    if (upload.bytes.byteLength > maxBytes)
      return c.json(tooLarge(upload.name, upload.bytes.byteLength, maxBytes), 413);
    if (upload.bytes.byteLength === 0)
      return c.json(
        errorBody("file_empty", `${upload.name}: the file is empty.`, { file: upload.name }),
        400,
      );
    const entry = entryOf(query.data);
    const replaceGuard = createReplaceGuard({
      store: deps.store,
      ...(deps.drafts === undefined ? {} : { drafts: deps.drafts }),
      file: upload.name,
      replace: yes(query.data.replace),
      confirm: yes(query.data.confirm),
    });
    const run = (onProgress?: (progress: UploadProgress) => void) =>
      ingestUpload(upload.name, upload.bytes, {
        store: deps.store,
        embedder: deps.embedder,
        maxBytes,
        beforeReplace: replaceGuard.check,
        ...(deps.ocr === undefined ? {} : { ocr: deps.ocr }),
        ...(deps.extract === undefined ? {} : { extract: deps.extract }),
        ...(entry === undefined ? {} : { entry }),
        ...(deps.now === undefined ? {} : { now: deps.now }),
        ...(onProgress === undefined ? {} : { onProgress }),
      });
    if (query.data.stream === "1" || query.data.stream === "true") {
      return streamSSE(c, async (stream) => {
        const send = (event: string, data: unknown) =>
          stream.writeSSE({ event, data: JSON.stringify(data) });
        const pending: Array<Promise<void>> = [];
        try {
          const result = await run((progress) => pending.push(send("progress", progress)));
          await Promise.all(pending);
          const failed = failureOf(result.summary);
          if (failed !== undefined)
            await send("error", errorBody(failed.code, failed.error, { file: failed.file }));
          else await send("done", { ...uploadBody(result), ...replaced(replaceGuard.report) });
        } catch (error) {
          await Promise.all(pending);
          if (error instanceof BilagsassistentError && error.category === "user") {
            await send("error", errorBody(error.code, error.message, error.details));
            return;
          }
          await send(
            "error",
            errorBody("internal_error", "Something went wrong on our side while reading the file."),
          );
          throw error;
        }
      });
    }
    const result = await run();
    const failed = failureOf(result.summary);
    if (failed !== undefined)
      return c.json(
        { ...errorBody(failed.code, failed.error, { file: failed.file }), summary: result.summary },
        TOO_LARGE_CODES.has(failed.code) ? 413 : 400,
      );
    return c.json({ ...uploadBody(result), ...replaced(replaceGuard.report) }, 200);
  });

  const allocations = deps.allocations;
  if (allocations !== undefined) {
    app.post("/api/allocations/import", guard, async (c) => {
      const upload = await readUpload(c, c.req.query("name") ?? "allocations");
      if (upload.bytes.byteLength > maxBytes)
        return c.json(tooLarge(upload.name, upload.bytes.byteLength, maxBytes), 413);
      if (upload.bytes.byteLength === 0)
        return c.json(
          errorBody("file_empty", `${upload.name}: the file is empty.`, { file: upload.name }),
          400,
        );
      const result = await importAllocationSpreadsheet(upload.name, upload.bytes, allocations);
      if (result.errors.length > 0) {
        const [first] = result.errors;
        const message =
          `${upload.name}: nothing was imported; ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}. ${first?.message ?? ""}`.trim();
        return c.json(
          {
            ...errorBody("spreadsheet_invalid", message, {
              file: upload.name,
              errors: result.errors,
            }),
            imported: [],
            unchanged: [],
            errors: result.errors,
          },
          400,
        );
      }
      return c.json({ imported: result.imported, unchanged: result.unchanged, errors: [] }, 200);
    });

    app.get("/api/allocations/export", async (c) => {
      const format = c.req.query("format") ?? "xlsx";
      if (format !== "xlsx" && format !== "csv")
        return c.json(
          errorBody(
            "invalid_request",
            `The request query is not valid: format: "${format}" is not xlsx or csv.`,
          ),
          400,
        );
      const bytes = await writeAllocationSpreadsheet(await allocations.list(), format);
      const type =
        format === "xlsx"
          ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          : "text/csv; charset=utf-8";
      return c.body(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        200,
        {
          "content-type": type,
          "content-disposition": `attachment; filename="allocations.${format}"`,
        },
      );
    });
  }

  registerDocs(app, allocations !== undefined);
  return app;
}

/** The OpenAPI description of the routes (their bodies are files, read by the handlers themselves). */
function registerDocs(app: OpenAPIHono, withAllocations: boolean): void {
  const fileBody = {
    required: true,
    content: {
      "multipart/form-data": {
        schema: z.object({ file: z.string().describe("the file (binary)") }),
      },
      "application/octet-stream": {
        schema: z.string().describe("the file's bytes; name it with ?name= or Content-Disposition"),
      },
    },
  };
  const errors = {
    400: {
      description:
        "The file cannot be read, names no card, or a cell is wrong (the message names file, page or cell)",
      content: { "application/json": { schema: ErrorSchema } },
    },
    413: {
      description: "The file is larger than MAX_DOCUMENT_BYTES",
      content: { "application/json": { schema: ErrorSchema } },
    },
  };
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/api/documents",
    operationId: "uploadDocument",
    summary:
      "Upload an annex or budget note (PDF, Word .docx or UTF-8 text, detected by content) into the index; ?stream=1 gives progress events",
    request: { query: EntryQuerySchema, body: fileBody },
    responses: {
      200: {
        description:
          "The ingest summary (status added, replaced or unchanged), the format, page spans and warnings; with ?stream=1 an event stream: progress {stage, done, total} … done {summary} or error",
        content: {
          "application/json": { schema: UploadResultSchema },
          "text/event-stream": { schema: eventFramesSchema(UPLOAD_EVENTS) },
        },
      },
      ...errors,
    },
  });
  if (!withAllocations) return;
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/api/allocations/import",
    operationId: "importAllocations",
    summary:
      "Import an allocation spreadsheet (.xlsx or .csv): one row per line, one column per year",
    request: { body: fileBody },
    responses: {
      200: {
        description: "Ids imported and unchanged",
        content: {
          "application/json": {
            schema: z.object({
              imported: z.array(z.string()),
              unchanged: z.array(z.string()),
              errors: z.array(z.unknown()),
            }),
          },
        },
      },
      ...errors,
    },
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/api/allocations/export",
    operationId: "exportAllocations",
    summary: "The stored allocation data as a spreadsheet (amounts in kr.)",
    request: { query: z.object({ format: z.enum(["xlsx", "csv"]).optional() }) },
    responses: {
      200: { description: "The spreadsheet file" },
      400: {
        description: "Unknown format",
        content: { "application/json": { schema: ErrorSchema } },
      },
    },
  });
}
