/** Routes that check figures: a text against allocation data, stored allocations, the corpus audit. */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { CorpusStore } from "../ports/corpus-store.ts";
import {
  AllocationSchema,
  AuditFindingSchema,
  DocumentKindSchema,
  SEVERITIES,
  ValidationResultSchema,
} from "../domain/index.ts";
import { NotFoundError } from "../errors/errors.ts";
import type { AllocationSource } from "../ports/allocation-store.ts";
import { auditSummary } from "../validation/audit-corpus.ts";
import { auditStoredCorpus } from "../validation/audit-store.ts";
import {
  DEFAULT_MAX_TEXT_LENGTH,
  ValidateTextOptionsSchema,
  validateText,
} from "../validation/validate-text.ts";
import { errorBody } from "./errors.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";

export type ValidationRouteDependencies = { store: CorpusStore; allocations: AllocationSource };

/** Largest accepted /api/validate body: room for a long text plus its allocation; longer texts are refused by the schema. */
const MAX_VALIDATE_BODY_BYTES = 16 * 1024 * 1024;

const ValidateBodySchema = z
  .object({
    text: z
      .string()
      .max(
        DEFAULT_MAX_TEXT_LENGTH,
        `the text is longer than ${DEFAULT_MAX_TEXT_LENGTH.toLocaleString("da-DK")} characters; validate one card or section at a time`,
      ),
    allocation: AllocationSchema.optional(),
    initiativeId: z.string().min(1).optional(),
    options: ValidateTextOptionsSchema.optional(),
  })
  .refine((body) => (body.allocation === undefined) !== (body.initiativeId === undefined), {
    message:
      "give either allocation (the data to check against) or initiativeId (stored allocation data), not both and not neither",
    path: ["allocation"],
  });

const AuditQuerySchema = z.object({
  severity: z.enum(SEVERITIES).optional(),
  documentId: z.string().optional(),
  kind: DocumentKindSchema.optional(),
});

export function createValidationRoutes(deps: ValidationRouteDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  app.use(
    "/api/validate",
    bodyLimit({
      maxSize: MAX_VALIDATE_BODY_BYTES,
      onError: (c) =>
        c.json(
          errorBody(
            "body_too_large",
            `The request body is larger than ${MAX_VALIDATE_BODY_BYTES / 1024 / 1024} MB.`,
          ),
          413,
        ),
    }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/validate",
      operationId: "validateText",
      summary:
        "Check every figure of a text against allocation data (given, or stored under initiativeId)",
      request: {
        body: { content: { "application/json": { schema: ValidateBodySchema } }, required: true },
      },
      responses: {
        200: jsonContent(ValidationResultSchema, "The result, whether the text is correct or not"),
        400: jsonContent(ErrorSchema, "Malformed body or allocation"),
        404: jsonContent(ErrorSchema, "Unknown initiativeId"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      let allocation = body.allocation;
      if (allocation === undefined && body.initiativeId !== undefined) {
        allocation = await deps.allocations.get(body.initiativeId);
        if (allocation === undefined) {
          throw new NotFoundError(
            "initiative_not_found",
            `No allocation data is stored for "${body.initiativeId}". List them with GET /api/allocations, or send the allocation itself.`,
            {
              details: { initiativeId: body.initiativeId },
            },
          );
        }
      }
      if (allocation === undefined)
        throw new Error("unreachable: the schema requires allocation or initiativeId");
      return c.json(validateText(body.text, allocation, body.options ?? {}), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/allocations",
      operationId: "listAllocations",
      summary: "Stored allocation data (one entry per initiative that proposes money)",
      responses: {
        200: jsonContent(
          z.object({
            allocations: z.array(z.object({ id: z.string(), allocation: AllocationSchema })),
          }),
          "Allocations",
        ),
      },
    }),
    async (c) => c.json({ allocations: await deps.allocations.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/allocations/{id}",
      operationId: "getAllocation",
      summary: "One initiative's allocation data",
      request: { params: z.object({ id: z.string().min(1) }) },
      responses: {
        200: jsonContent(
          z.object({ id: z.string(), allocation: AllocationSchema }),
          "The allocation",
        ),
        404: jsonContent(ErrorSchema, "Not found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const allocation = await deps.allocations.get(id);
      if (allocation === undefined)
        throw new NotFoundError(
          "initiative_not_found",
          `No allocation data is stored for "${id}".`,
          { details: { id } },
        );
      return c.json({ id, allocation }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      operationId: "auditCorpus",
      summary: "The corpus audit: mistakes the documents hold of their own, sorted by severity",
      request: { query: AuditQuerySchema },
      responses: {
        200: jsonContent(
          z.object({
            summary: z.object({
              total: z.number(),
              bySeverity: z.record(z.string(), z.number()),
              byCode: z.record(z.string(), z.number()),
            }),
            findings: z.array(AuditFindingSchema),
          }),
          "Findings",
        ),
        400: jsonContent(ErrorSchema, "Bad query"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const documents =
        query.kind === undefined
          ? undefined
          : new Set(
              (await deps.store.listDocuments())
                .filter((document) => document.kind === query.kind)
                .map((document) => document.id),
            );
      const findings = (await auditStoredCorpus(deps.store)).filter(
        (finding) =>
          (query.severity === undefined || finding.severity === query.severity) &&
          (query.documentId === undefined || finding.documentId === query.documentId) &&
          (documents === undefined || documents.has(finding.documentId)),
      );
      const summary = auditSummary(findings);
      const byCode = Object.fromEntries(
        Object.entries(summary.byCode).filter(
          (entry): entry is [string, number] => entry[1] !== undefined,
        ),
      );
      return c.json({ summary: { ...summary, byCode }, findings }, 200);
    },
  );

  return app;
}
