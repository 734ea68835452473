/** Routes for reviewers: ask a question and get a cited answer; initiatives across years and their timelines. */
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { AnswerSchema, answerQuestion } from "../answers/answer-question.ts";
import { InitiativeSchema, LinkReportSchema } from "../answers/match-initiatives.ts";
import { TimelineSchema, buildTimeline, linkStoreInitiatives } from "../answers/timeline.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { LanguageModel } from "../ports/language-model.ts";
import type { PromptLibrary } from "../ports/prompt-library.ts";
import { InputError, NotFoundError } from "../errors/errors.ts";
import type { InitiativeLinkStore } from "../ports/initiative-links.ts";
import { ErrorSchema, jsonContent, validationHook } from "./openapi.ts";

export type AnswerRouteDependencies = {
  store: CorpusStore;
  /** When given, answers are written by the model from numbered passages (and checked); otherwise extractive. */
  model?: LanguageModel;
  /** Today, for "sidste år" in questions. */
  now?: () => Date;
  /** An admin's confirmed and split initiative links; without it links cannot be confirmed or split. */
  links?: InitiativeLinkStore;
  /** The prompt library (prompts/answer.v1.md) the model answers with. */
  prompts?: PromptLibrary;
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
        ...(deps.links === undefined ? {} : { links: deps.links }),
        ...(deps.prompts === undefined ? {} : { prompts: deps.prompts }),
        signal: c.req.raw.signal,
      });
      return c.json(answer, 200);
    },
  );

  const verdicts = async () => (await deps.links?.list()) ?? [];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/initiatives",
      operationId: "listInitiatives",
      summary:
        "Initiatives: the same grant's cards across documents and years, linked by title, distinctive words, money and cross-references; with the links a reviewer should confirm",
      responses: {
        200: jsonContent(
          z.object({ initiatives: z.array(InitiativeSchema), links: LinkReportSchema }),
          "Initiatives and the link report",
        ),
      },
    }),
    async (c) => {
      const { initiatives, report } = await linkStoreInitiatives(deps.store, await verdicts());
      return c.json({ initiatives, links: report }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/initiatives/links",
      operationId: "setInitiativeLink",
      summary:
        "Admin: confirm that two cards of different documents are one initiative, or split them apart (kept in the data folder, survives re-ingest)",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.object({
                cards: z.tuple([z.string().min(1).max(200), z.string().min(1).max(200)]),
                verdict: z.enum(["confirm", "split"]),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: jsonContent(
          z.object({ initiatives: z.array(InitiativeSchema), links: LinkReportSchema }),
          "The initiatives with the verdict applied",
        ),
        400: errors[400],
        404: errors[404],
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const links = deps.links;
      if (links === undefined)
        throw new InputError(
          "links_not_configured",
          "This server keeps no initiative link verdicts; configure a link store to confirm or split links.",
        );
      const [leftId, rightId] = body.cards;
      const [left, right] = await Promise.all([
        deps.store.getCard(leftId),
        deps.store.getCard(rightId),
      ]);
      for (const [id, stored] of [
        [leftId, left],
        [rightId, right],
      ] as const)
        if (stored === undefined)
          throw new NotFoundError("card_not_found", `No card has the id "${id}".`, {
            details: { id },
          });
      if (left?.document.id === right?.document.id)
        throw new InputError(
          "same_document",
          `"${leftId}" and "${rightId}" are cards of one document; an initiative links cards of different documents.`,
        );
      await links.put({
        cards: [leftId, rightId].sort() as [string, string],
        verdict: body.verdict,
        at: new Date().toISOString(),
      });
      const { initiatives, report } = await linkStoreInitiatives(deps.store, await verdicts());
      return c.json({ initiatives, links: report }, 200);
    },
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
      const timeline = await buildTimeline(
        deps.store,
        id,
        (await linkStoreInitiatives(deps.store, await verdicts())).initiatives,
      );
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
