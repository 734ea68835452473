/** Drafting routes: annex-card assessments and budget notes, kept with versions, revised, exported. */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { CorpusStore } from "../ports/corpus-store.ts";
import {
  AssessmentDraftRequestSchema,
  BudgetNoteDraftRequestSchema,
  DraftSchema,
  type AssessmentDraftRequest,
  type BudgetNoteDraftRequest,
  type Draft,
} from "../domain/index.ts";
import { draftAssessment } from "../drafting/draft-assessment.ts";
import { draftBudgetNote } from "../drafting/draft-budget-note.ts";
import { exportDraftDocx } from "../drafting/export-docx.ts";
import { exportDraftMarkdown } from "../drafting/export-markdown.ts";
import type { AssessmentWriter, BudgetNoteWriter } from "../drafting/ports.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import { reviseAssessmentStructure, revisionContext } from "../drafting/revise-assessment.ts";
import { DraftRevisionRequestSchema, reviseDraftText } from "../drafting/revise-draft.ts";
import { versionStale } from "../drafting/draft-version-errors.ts";
import { slugify } from "../corpus/slugify.ts";
import { NotFoundError } from "../errors/errors.ts";
import type { AllocationSource } from "../ports/allocation-store.ts";
import { errorBody } from "./errors.ts";
import { principalOf } from "./middleware/context.ts";
import { assertOwner, authorOf, mayAccess } from "./ownership.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";

/** Largest version number (what the store's version column holds). */
const MAX_VERSION = 2_147_483_647;
const VersionQuery = z.coerce
  .number()
  .int()
  .positive()
  .max(MAX_VERSION, `a version is a whole number from 1 to ${MAX_VERSION}`)
  .optional();

export type DraftRouteDependencies = {
  store: CorpusStore;
  allocations: AllocationSource;
  drafts: DraftStore;
  assessmentWriter: AssessmentWriter;
  budgetNoteWriter: BudgetNoteWriter;
  maxAttempts?: number;
  now?: () => Date;
};

const MAX_DRAFT_BODY_BYTES = 512 * 1024;
const DraftSummarySchema = DraftSchema.pick({
  id: true,
  kind: true,
  version: true,
  title: true,
  status: true,
  author: true,
  createdAt: true,
  model: true,
});
const errors = {
  400: jsonContent(ErrorSchema, "Bad request"),
  404: jsonContent(ErrorSchema, "Not found"),
  502: jsonContent(ErrorSchema, "The model endpoint failed"),
};

function fileName(draft: Draft, extension: string): string {
  const base = slugify(draft.title);
  return `${base || "udkast"}-v${draft.version}.${extension}`;
}

export function createDraftRoutes(deps: DraftRouteDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const now = deps.now ?? (() => new Date());
  const limit = bodyLimit({
    maxSize: MAX_DRAFT_BODY_BYTES,
    onError: (c) =>
      c.json(
        errorBody(
          "body_too_large",
          `The request body is larger than ${MAX_DRAFT_BODY_BYTES / 1024} KB; notes are at most 4.000 characters each.`,
        ),
        413,
      ),
  });
  app.use("/api/drafts/*", limit);
  app.use("/api/drafts", limit);

  /** The draft's creator: the author of its first version. */
  const ownerOf = async (id: string, latest: Draft): Promise<string | undefined> =>
    latest.version === 1 ? latest.author : ((await deps.drafts.get(id, 1)) ?? latest).author;
  /** A draft the caller may use (its creator, or an admin); 404 when unknown, 403 when someone else's. */
  const loadOwned = async (c: Context, id: string, version?: number): Promise<Draft> => {
    const draft = await load(id, version);
    assertOwner(c, await ownerOf(id, draft), { kind: "draft", id });
    return draft;
  };

  const load = async (id: string, version?: number): Promise<Draft> => {
    const draft = await deps.drafts.get(id, version);
    if (draft === undefined)
      throw new NotFoundError(
        "draft_not_found",
        version === undefined
          ? `No draft has the id "${id}".`
          : `Draft "${id}" has no version ${version}.`,
        { details: { id } },
      );
    return draft;
  };

  const attempts = deps.maxAttempts === undefined ? {} : { maxAttempts: deps.maxAttempts };
  /** Drafts afresh; a revision passes the draft's id so the new version keeps it. */
  const writeAssessment = (request: AssessmentDraftRequest, id?: string) =>
    draftAssessment(request, {
      store: deps.store,
      allocations: deps.allocations,
      writer: deps.assessmentWriter,
      now,
      ...(id === undefined ? {} : { newId: () => id }),
      ...attempts,
    });
  const writeBudgetNote = (request: BudgetNoteDraftRequest, id?: string) =>
    draftBudgetNote(request, {
      writer: deps.budgetNoteWriter,
      now,
      ...(id === undefined ? {} : { newId: () => id }),
      ...attempts,
    });

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/drafts/assessment",
      operationId: "draftAssessment",
      summary:
        "Draft 'Faglig vurdering af videreførelse' for a grant; every figure validated against the allocation",
      request: {
        body: {
          content: { "application/json": { schema: AssessmentDraftRequestSchema } },
          required: true,
        },
      },
      responses: {
        201: jsonContent(DraftSchema, "The draft (status flagged when issues remain)"),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const author = authorOf(c, body.author);
      const request = author === undefined ? body : { ...body, author };
      const draft = await writeAssessment(request);
      await deps.drafts.save(draft);
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/drafts/budget-note",
      operationId: "draftBudgetNote",
      summary:
        "Draft a budget note: prose by the writer, tables and agreement text rendered from data",
      request: {
        body: {
          content: { "application/json": { schema: BudgetNoteDraftRequestSchema } },
          required: true,
        },
      },
      responses: { 201: jsonContent(DraftSchema, "The draft"), ...errors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const author = authorOf(c, body.author);
      const request = author === undefined ? body : { ...body, author };
      const draft = await writeBudgetNote(request);
      await deps.drafts.save(draft);
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/drafts",
      operationId: "listDrafts",
      summary: "The drafts, newest first (latest version of each)",
      responses: { 200: jsonContent(z.object({ drafts: z.array(DraftSummarySchema) }), "Drafts") },
    }),
    async (c) => {
      const all = await deps.drafts.list();
      const principal = principalOf(c);
      if (principal.role === "admin") return c.json({ drafts: all }, 200);
      const owned: typeof all = [];
      for (const draft of all)
        if (
          mayAccess(
            principal,
            draft.version === 1 ? draft.author : (await deps.drafts.get(draft.id, 1))?.author,
          )
        )
          owned.push(draft);
      return c.json({ drafts: owned }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/drafts/{id}",
      operationId: "getDraft",
      summary: "A draft (latest version, or ?version=N) with the list of its versions",
      request: {
        params: z.object({ id: z.string().min(1) }),
        query: z.object({ version: VersionQuery }),
      },
      responses: {
        200: jsonContent(
          z.object({ draft: DraftSchema, versions: z.array(DraftSummarySchema) }),
          "The draft",
        ),
        400: jsonContent(ErrorSchema, "The version is not a positive whole number"),
        404: errors[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const draft = await loadOwned(c, id, version);
      const versions = (await deps.drafts.versions(id)).map(
        ({ id: draftId, kind, version: number, title, status, author, createdAt, model }) => ({
          id: draftId,
          kind,
          version: number,
          title,
          status,
          author,
          createdAt,
          model,
        }),
      );
      return c.json({ draft, versions }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/drafts/{id}/revisions",
      operationId: "reviseDraft",
      summary:
        "Revise a draft: your edited text (validated as written), an operation (shorter, longer, add_point, remove_point, plainer, formal), or new notes / decision (drafted again); each revision is a new version",
      request: {
        params: z.object({ id: z.string().min(1) }),
        body: {
          content: { "application/json": { schema: DraftRevisionRequestSchema } },
          required: true,
        },
      },
      responses: {
        201: jsonContent(DraftSchema, "The new version"),
        ...errors,
        409: jsonContent(
          ErrorSchema,
          "draft_version_stale: baseVersion is no longer the latest version (someone revised the draft meanwhile); details name the latest",
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const revision = c.req.valid("json");
      const current = await loadOwned(c, id);
      // Checked now (before any drafting work) and again where the version is taken.
      if (revision.baseVersion !== undefined && revision.baseVersion !== current.version)
        throw versionStale(id, revision.baseVersion, current.version);
      const author = authorOf(c, revision.author) ?? current.author;
      let next: Draft;
      if (revision.text !== undefined) {
        next = reviseDraftText(current, revision.text, author, now());
      } else if (revision.operation !== undefined) {
        const operation =
          revision.operation === "add_point" || revision.operation === "remove_point"
            ? { op: revision.operation, point: revision.point ?? "" }
            : { op: revision.operation };
        next = reviseAssessmentStructure(
          await revisionContext(current, deps.store),
          operation,
          author,
          now(),
        );
      } else {
        const redrafted =
          current.kind === "assessment"
            ? await writeAssessment(
                AssessmentDraftRequestSchema.parse({
                  ...current.input,
                  ...(revision.notes === undefined ? {} : { notes: revision.notes }),
                  ...(revision.decision === undefined ? {} : { decision: revision.decision }),
                  author,
                }),
                id,
              )
            : await writeBudgetNote(
                BudgetNoteDraftRequestSchema.parse({
                  ...current.input,
                  ...(revision.notes === undefined ? {} : { purpose: revision.notes }),
                  author,
                }),
                id,
              );
        next = { ...redrafted, id, version: current.version + 1 };
      }
      return c.json(
        await deps.drafts.saveRevision(next, { baseVersion: revision.baseVersion }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/drafts/{id}/export",
      operationId: "exportDraft",
      summary:
        "Export a draft as Markdown or a Word document laid out like the department's card or budget note",
      request: {
        params: z.object({ id: z.string().min(1) }),
        query: z.object({
          format: z.enum(["md", "docx"]).default("md"),
          version: VersionQuery,
        }),
      },
      responses: {
        200: {
          description: "The file",
          content: {
            "text/markdown": { schema: z.string() },
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
              schema: z.string(),
            },
          },
        },
        400: jsonContent(ErrorSchema, "Unknown format, or a version that is not a positive number"),
        404: errors[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { format, version } = c.req.valid("query");
      const draft = await loadOwned(c, id, version);
      if (format === "md") {
        return c.body(exportDraftMarkdown(draft), 200, {
          "content-type": "text/markdown; charset=utf-8",
          "content-disposition": `attachment; filename="${fileName(draft, "md")}"`,
        });
      }
      /* The card's own expiring half, for the left column of the department's card. */
      const cardId = typeof draft.input.cardId === "string" ? draft.input.cardId : undefined;
      const stored =
        draft.kind === "assessment" && cardId !== undefined
          ? await deps.store.getCard(cardId)
          : undefined;
      const expiring = stored?.card.sections
        .filter((section) => section.half === "udløb")
        .map(({ heading, text }) => ({ heading, text: text.replace(/(?<!\n)\n(?!\n)/gu, " ") }));
      const bytes = await exportDraftDocx(
        draft,
        expiring === undefined || expiring.length === 0 ? {} : { expiring },
      );
      return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
        "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "content-disposition": `attachment; filename="${fileName(draft, "docx")}"`,
      });
    },
  );

  return app;
}
