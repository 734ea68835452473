/** Routes for reviewers: ask a question and get a cited answer; initiatives across years and their timelines. */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { AnswerSchema, answerQuestion } from "../answers/answer-question.ts";
import { InitiativeSchema } from "../answers/match-initiatives.ts";
import { TimelineSchema, buildTimeline, listInitiatives } from "../answers/timeline.ts";
import type { CorpusStore } from "../corpus/corpus-store.ts";
import type { LanguageModel } from "../drafting/ports.ts";
import { NotFoundError } from "../errors/errors.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";

export type AnswerRouteDependencies = {
  store: CorpusStore;
  /** When given, answers are written by the model from numbered passages (and checked); otherwise extractive. */
  model?: LanguageModel;
  /** Today, for "sidste år" in questions. */
  now?: () => Date;
};

const errors = {
  400: jsonContent(ErrorSchema, "Bad request"),
  404: jsonContent(ErrorSchema, "Not found"),
};

const AskBodySchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, "write a question")
    .max(2_000, "a question is at most 2,000 characters"),
  year: z.number().int().min(1990).max(2100).optional(),
});

export function createAnswerRoutes(deps: AnswerRouteDependencies) {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/ask",
      operationId: "askQuestion",
      summary:
        "Answer a reviewer's question from the corpus, every sentence quoted or cited; 'Det fremgår ikke af materialet' when it does not say",
      request: {
        body: { content: { "application/json": { schema: AskBodySchema } }, required: true },
      },
      responses: {
        200: jsonContent(AnswerSchema, "The answer with its citations"),
        400: errors[400],
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const answer = await answerQuestion(body.question, {
        store: deps.store,
        ...(body.year === undefined ? {} : { year: body.year }),
        ...(deps.model === undefined ? {} : { model: deps.model }),
        ...(deps.now === undefined ? {} : { now: deps.now }),
        signal: c.req.raw.signal,
      });
      return c.json(answer, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/initiatives",
      operationId: "listInitiatives",
      summary: "Initiatives: the same grant's cards across documents and years, grouped by title",
      responses: {
        200: jsonContent(z.object({ initiatives: z.array(InitiativeSchema) }), "Initiatives"),
      },
    }),
    async (c) => c.json({ initiatives: await listInitiatives(deps.store) }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/initiatives/{id}/timeline",
      operationId: "getInitiativeTimeline",
      summary:
        "One initiative year by year: decision with its quoted sentence, and the grant and proposed money",
      request: { params: z.object({ id: z.string().min(1).max(200) }) },
      responses: {
        200: jsonContent(TimelineSchema, "The timeline, oldest first"),
        404: errors[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const timeline = await buildTimeline(deps.store, id);
      if (timeline === undefined)
        throw new NotFoundError(
          "initiative_not_found",
          `No initiative has the id "${id}". List them with GET /api/initiatives.`,
          { details: { id } },
        );
      return c.json(timeline, 200);
    },
  );

  return app;
}
