/** Routes over the indexed corpus: health, documents, cards, search. */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { relevantSearchHits } from "../answers/answer-question.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import {
  BudgetTableSchema,
  CardSchema,
  DECISIONS,
  DOCUMENT_KINDS,
  DocumentSchema,
} from "../domain/index.ts";
import { NotFoundError } from "../errors/errors.ts";
import type { Embedder } from "../ports/embedder.ts";
import type { SearchHit } from "../ports/corpus-store.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";

export type CorpusRouteDependencies = { store: CorpusStore; embedder: Embedder; version?: string };
const errors = {
  400: jsonContent(ErrorSchema, "Bad request"),
  404: jsonContent(ErrorSchema, "Not found"),
};

const yearParam = z.coerce.number().int().min(1990).max(2100).optional();

const CardSummarySchema = z.object({
  id: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  number: z.number().nullable(),
  title: z.string(),
  year: z.number(),
  kind: z.enum(DOCUMENT_KINDS),
  decision: z.enum(DECISIONS),
  flags: z.array(z.string()),
  figureCount: z.number(),
  score: z.number().optional(),
});

const SearchBodySchema = z.object({
  query: z
    .string()
    .trim()
    .min(1, "write what to search for")
    .max(2_000, "a query is at most 2,000 characters"),
  year: z.number().int().min(1990).max(2100).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  limit: z.number().int().min(1).max(50).optional(),
  mode: z.enum(["hybrid", "fulltext", "vector"]).optional(),
  /** false: every card the search returns, unrelated ones too (default: only cards that share the query's content words, exact titles first). */
  cut: z.boolean().optional(),
});

const SearchResultSchema = z.object({
  cardId: z.string(),
  title: z.string(),
  year: z.number(),
  kind: z.enum(DOCUMENT_KINDS),
  documentId: z.string(),
  documentTitle: z.string(),
  cardNumber: z.number().nullable(),
  section: z.string(),
  heading: z.string(),
  decision: z.enum(DECISIONS),
  quote: z.string(),
  start: z.number(),
  end: z.number(),
  score: z.number(),
});

/** The best passage per card, in order of relevance. */
export function bestPerCard(hits: readonly SearchHit[], limit: number): SearchHit[] {
  const seen = new Set<string>();
  const best: SearchHit[] = [];
  for (const hit of hits) {
    if (seen.has(hit.cardId)) continue;
    seen.add(hit.cardId);
    best.push(hit);
    if (best.length === limit) break;
  }
  return best;
}

export function createCorpusRoutes(deps: CorpusRouteDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/health",
      operationId: "getHealth",
      summary: "Whether the service can answer queries",
      // No 4xx: health is public (no token, no rate limit) and answers JSON whatever the Accept
      // header, so a monitoring probe never sees it refused. Redocly's operation-4xx-response rule
      // is waived for this one operation in .redocly.lint-ignore.yaml.
      responses: {
        200: jsonContent(
          z.object({
            status: z.literal("ok"),
            version: z.string(),
            documents: z.number(),
            chunks: z.number(),
            embedder: z.string(),
          }),
          "Ready",
        ),
      },
    }),
    async (c) => {
      const [documents, chunks] = await Promise.all([
        deps.store.listDocuments(),
        deps.store.count(),
      ]);
      return c.json(
        {
          status: "ok" as const,
          version: deps.version ?? "0.1.0",
          documents: documents.length,
          chunks,
          embedder: `${deps.embedder.provider}:${deps.embedder.modelId}`,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/documents",
      operationId: "listDocuments",
      summary: "The indexed documents with their counts",
      responses: {
        200: jsonContent(
          z.object({
            documents: z.array(
              DocumentSchema.extend({
                cardCount: z.number(),
                figureCount: z.number(),
                tableCount: z.number(),
                embedder: z.string(),
                ingestedAt: z.string(),
              }),
            ),
          }),
          "Documents",
        ),
      },
    }),
    async (c) => c.json({ documents: await deps.store.listDocuments() }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/cards",
      operationId: "listCards",
      summary: "Cards (one per grant; one per budget note), filtered; with q, ordered by relevance",
      request: {
        query: z.object({
          year: yearParam,
          kind: z.enum(DOCUMENT_KINDS).optional(),
          decision: z.enum(DECISIONS).optional(),
          q: z.string().trim().max(2_000).optional(),
        }),
      },
      responses: {
        200: jsonContent(z.object({ cards: z.array(CardSummarySchema) }), "Cards"),
        400: errors[400],
      },
    }),
    async (c) => {
      const { year, kind, decision, q } = c.req.valid("query");
      const filter = {
        ...(year === undefined ? {} : { year }),
        ...(kind === undefined ? {} : { kind }),
        ...(decision === undefined ? {} : { decision }),
      };
      const cards = await deps.store.listCards(filter);
      if (q === undefined || q === "") return c.json({ cards }, 200);
      const hits = bestPerCard(
        await deps.store.search({
          query: q,
          limit: 100,
          ...(year === undefined ? {} : { year }),
          ...(kind === undefined ? {} : { kind }),
        }),
        100,
      );
      const byId = new Map(cards.map((card) => [card.id, card]));
      const ranked = hits.flatMap((hit) => {
        const card = byId.get(hit.cardId);
        return card === undefined ? [] : [{ ...card, score: hit.score }];
      });
      return c.json({ cards: ranked }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/cards/{id}",
      operationId: "getCard",
      summary: "One card with its sections, figures, flags, spans and (budget notes) tables",
      request: { params: z.object({ id: z.string().min(1) }) },
      responses: {
        200: jsonContent(
          z.object({
            card: CardSchema,
            document: DocumentSchema,
            tables: z.array(BudgetTableSchema),
          }),
          "The card",
        ),
        404: errors[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const stored = await deps.store.getCard(id);
      if (stored === undefined)
        throw new NotFoundError(
          "card_not_found",
          `No card has the id "${id}". List them with GET /api/cards.`,
          { details: { id } },
        );
      return c.json(stored, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/search",
      operationId: "searchPassages",
      summary:
        "Danish hybrid search (vector + full text, RRF) over the passages, best passage per card",
      request: {
        body: { content: { "application/json": { schema: SearchBodySchema } }, required: true },
      },
      responses: {
        200: jsonContent(z.object({ results: z.array(SearchResultSchema) }), "Results"),
        400: errors[400],
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const limit = body.limit ?? 10;
      const hits = await deps.store.search({
        query: body.query,
        limit: Math.min(100, limit * 4),
        ...(body.year === undefined ? {} : { year: body.year }),
        ...(body.kind === undefined ? {} : { kind: body.kind }),
        ...(body.mode === undefined ? {} : { mode: body.mode }),
      });
      const results = (
        body.cut === false
          ? bestPerCard(hits, limit)
          : await relevantSearchHits(deps.store, body.query, hits, limit)
      ).map((hit) => ({
        cardId: hit.cardId,
        title: hit.title,
        year: hit.year,
        kind: hit.kind,
        documentId: hit.documentId,
        documentTitle: hit.documentTitle,
        cardNumber: hit.cardNumber,
        section: hit.sectionKind,
        heading: hit.heading,
        decision: hit.decision,
        quote: hit.quote,
        start: hit.start,
        end: hit.end,
        score: hit.score,
      }));
      return c.json({ results }, 200);
    },
  );

  return app;
}
