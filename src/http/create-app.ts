/** Builds the Hono app from its dependencies; no runtime is imported here. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { createMemoryConversationStore } from "../chat/conversation-store.ts";
import type { ConversationStore } from "../ports/conversation-store.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { AssessmentWriter, BudgetNoteWriter } from "../drafting/ports.ts";
import type { DraftStore } from "../ports/draft-store.ts";
import type { LanguageModel } from "../ports/language-model.ts";
import type { Prompt } from "../ports/prompt-library.ts";
import type { Embedder } from "../ports/embedder.ts";
import type { AllocationStore } from "../ports/allocation-store.ts";
import type { OcrPort } from "../import/ocr.ts";
import type { AllocationSource } from "../ports/allocation-store.ts";
import { createMemoryAllocationSource } from "../validation/allocation-source.ts";
import { createMemoryLinkStore } from "../answers/memory-link-store.ts";
import type { PromptLibrary } from "../ports/prompt-library.ts";
import type { InitiativeLinkStore } from "../ports/initiative-links.ts";
import { createAnswerRoutes } from "./answer-routes.ts";
import {
  createAuditLogRoutes,
  createSecurityMiddleware,
  createSessionRoutes,
  type SecurityOptions,
} from "./auth.ts";
import { createChatRoutes } from "./chat-routes.ts";
import { createCorpusRoutes } from "./corpus-routes.ts";
import { createImportRoutes, type ImportRouteDependencies } from "./import-routes.ts";
import { DOCS_PAGE } from "./docs-page.ts";
import { createDraftRoutes } from "./draft-routes.ts";
import { errorBody, handleError } from "./errors.ts";
import { apiInfo, createOpenApiDocument, validationHook } from "./openapi.ts";
import { CHAT_EVENTS, UPLOAD_EVENTS } from "./sse-events.ts";
import { createUiRoutes } from "./ui-routes.ts";
import { createValidationRoutes } from "./validation-routes.ts";

export { bestPerCard } from "./corpus-routes.ts";

export type AppDependencies = {
  store: CorpusStore;
  embedder: Embedder;
  /** Stored allocation data; none by default. */
  allocations?: AllocationSource;
  /** The chat model, when one is configured (answers use it; without it they are extractive). */
  model?: LanguageModel;
  /** Drafting: where drafts are kept and who writes the prose. Without it the draft routes are not served. */
  drafting?: {
    drafts: DraftStore;
    assessmentWriter: AssessmentWriter;
    budgetNoteWriter: BudgetNoteWriter;
    maxAttempts?: number;
    /** The prompt that lets the model choose the chat's tool (prompts/chat-tool.v<n>.md). */
    chatToolPrompt?: Prompt;
  };
  /** Uploads of documents and allocation spreadsheets; the writable allocation store is then also the one validation reads. */
  importing?: {
    allocations: AllocationStore;
    ocr?: OcrPort;
    maxDocumentBytes?: number;
    /** Reads an upload's text (the Node server: in a worker thread with a time budget). */
    extract?: ImportRouteDependencies["extract"];
  };
  /** Where chat conversations are kept; in memory by default. */
  conversations?: ConversationStore;
  /** An admin's confirmed and split initiative links; in memory by default. */
  initiativeLinks?: InitiativeLinkStore;
  /** The prompt library; the answers' model path needs prompts/answer.v1.md. */
  prompts?: PromptLibrary;
  version?: string;
  /** Access control (route→role table), rate limit, body limit, request timeout and the audit trail; without it every route is open (tests). */
  security?: SecurityOptions;
  /** Where errors go; console.error by default. */
  log?: (message: string, error?: unknown) => void;
};

export function createApp(deps: AppDependencies) {
  const log =
    deps.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const version = deps.version ?? "0.1.0";
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError((error, c) => handleError(error, c, log));
  app.notFound((c) =>
    c.json(errorBody("not_found", `No route ${c.req.method} ${c.req.path}. See /api/docs.`), 404),
  );
  if (deps.security !== undefined) app.use(createSecurityMiddleware({ log, ...deps.security }));
  if (deps.security?.auditTrail !== undefined)
    app.route("/", createAuditLogRoutes({ auditTrail: deps.security.auditTrail }));
  app.route(
    "/",
    createSessionRoutes(deps.security === undefined ? {} : { auth: deps.security.auth }),
  );
  app.route("/", createCorpusRoutes({ store: deps.store, embedder: deps.embedder, version }));
  const allocations =
    deps.importing?.allocations ?? deps.allocations ?? createMemoryAllocationSource([]);
  // Before the validation routes: /api/allocations/export must not be read as an allocation id.
  if (deps.importing !== undefined) {
    const { allocations: writable, ocr, maxDocumentBytes, extract } = deps.importing;
    app.route(
      "/",
      createImportRoutes({
        store: deps.store,
        embedder: deps.embedder,
        allocations: writable,
        ...(deps.drafting === undefined ? {} : { drafts: deps.drafting.drafts }),
        ...(ocr === undefined ? {} : { ocr }),
        ...(maxDocumentBytes === undefined ? {} : { maxDocumentBytes }),
        ...(extract === undefined ? {} : { extract }),
      }),
    );
  }
  app.route("/", createValidationRoutes({ store: deps.store, allocations }));
  if (deps.drafting !== undefined)
    app.route("/", createDraftRoutes({ store: deps.store, allocations, ...deps.drafting }));
  app.route(
    "/",
    createAnswerRoutes({
      store: deps.store,
      ...(deps.model === undefined ? {} : { model: deps.model }),
      links: deps.initiativeLinks ?? createMemoryLinkStore(),
      ...(deps.prompts === undefined ? {} : { prompts: deps.prompts }),
    }),
  );
  app.route(
    "/",
    createChatRoutes({
      store: deps.store,
      allocations,
      conversations: deps.conversations ?? createMemoryConversationStore(),
      log,
      ...(deps.drafting === undefined ? {} : { drafting: deps.drafting }),
      ...(deps.model === undefined ? {} : { model: deps.model }),
      ...(deps.prompts === undefined ? {} : { prompts: deps.prompts }),
    }),
  );
  app.route("/", createUiRoutes());
  let document: ReturnType<typeof createOpenApiDocument> | undefined;
  app.get("/api/openapi.json", (c) => {
    document ??= createOpenApiDocument(app, apiInfo(version), {
      streams: { sendChatMessage: CHAT_EVENTS, uploadDocument: UPLOAD_EVENTS },
      ...(deps.security?.rules === undefined ? {} : { rules: deps.security.rules }),
    });
    return c.json(document);
  });
  app.get("/api/docs", (c) => c.html(DOCS_PAGE));
  return app;
}

export type App = ReturnType<typeof createApp>;
