/**
 * Wires the same `createApp` for Workers: settings parsed from `env` with the project's zod
 * schema, the corpus from the built bundle, the vector side on Vectorize when `env.VECTORIZE` is
 * bound (production) or in memory otherwise (`wrangler dev`, tests), allocation data and prompts
 * from the bundle, the OpenAI-compatible model over fetch when CHAT_MODEL is set, and the offline
 * writers (without the Danish lexicon, which needs node:fs) otherwise.
 */
import { parseSettings, type Settings } from "../../config.ts";
import {
  createModelBudgetNoteWriter,
  createOfflineBudgetNoteWriter,
} from "../../drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../drafting/decision-phrasing.ts";
import { createModelWriter } from "../../drafting/model-writer.ts";
import { createOfflineWriter } from "../../drafting/offline-writer.ts";
import { createLanguageModelFromSettings } from "../../model/create-model-from-settings.ts";
import type { LanguageModel } from "../../ports/language-model.ts";
import { CHAT_TOOL_PROMPT_ID } from "../../chat/run-chat-turn.ts";
import { createPromptLibrary } from "../../drafting/prompt-library.ts";
import { InputError } from "../../errors/errors.ts";
import { createApp, type App } from "../../http/create-app.ts";
import type { SecurityOptions } from "../../http/auth.ts";
import { createMemoryStore, type MemoryStore } from "../../retrieval/memory-store.ts";
import { createEmbedderFromSettings } from "../../retrieval/create-embedder.ts";
import type { Embedder } from "../../ports/embedder.ts";
import { createMemoryAuditTrail } from "../../security/audit-trail.ts";
import { createRateLimiter } from "../../security/rate-limiter.ts";
import { createTokenVerifier } from "../../security/tokens.ts";
import { createMemoryAllocationSource } from "../../validation/allocation-source.ts";
import { bundleDocuments, type WorkerCorpusBundle } from "./corpus-bundle.ts";
import { createMemoryDraftStore } from "./memory-draft-store.ts";
import { createVectorizeStore, type VectorizeBinding } from "./vectorize-index.ts";
import { createWebCryptoTokenHasher } from "./web-crypto-token-hasher.ts";

/** The Worker's bindings: string vars and secrets (the settings), and optionally the Vectorize index. */
export type WorkerEnv = {
  VECTORIZE?: VectorizeBinding;
  [name: string]: unknown;
};

export type WorkerAppOptions = {
  /** Replaces the global fetch for model calls (tests). */
  fetch?: typeof fetch;
  log?: (message: string, error?: unknown) => void;
};

export type WorkerApp = {
  app: App;
  store: MemoryStore;
  settings: Settings;
  embedder: Embedder;
  model: LanguageModel | undefined;
};

/** The string values of env (vars and secrets); bindings such as VECTORIZE are left out. */
export function settingsRecord(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

function createWorkerModel(
  settings: Settings,
  options: WorkerAppOptions,
): LanguageModel | undefined {
  return createLanguageModelFromSettings(
    settings,
    options.fetch === undefined ? {} : { fetch: options.fetch },
  );
}

/**
 * Access control from the same settings as Node: bearer tokens from API_TOKENS (a secret), else
 * local mode (every caller is admin). Rate limits and the audit trail live in this isolate only.
 */
function createWorkerSecurity(settings: Settings): SecurityOptions {
  if (settings.TOKENS_FILE !== undefined) {
    throw new InputError(
      "settings_invalid",
      "Invalid settings:\n  TOKENS_FILE: a Worker has no file system; give the tokens as the API_TOKENS secret (wrangler secret put API_TOKENS).",
    );
  }
  const tokens = settings.AUTH_MODE === "tokens" && settings.apiTokens.length > 0;
  return {
    auth: tokens
      ? {
          mode: "tokens",
          verifier: createTokenVerifier(settings.apiTokens, createWebCryptoTokenHasher()),
        }
      : { mode: "local" },
    ...(tokens || settings.rateLimitExplicit
      ? { rateLimiter: createRateLimiter({ perMinute: settings.RATE_LIMIT_PER_MINUTE }) }
      : {}),
    auditTrail: createMemoryAuditTrail(),
    requestTimeoutMs: settings.REQUEST_TIMEOUT_MS,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    maxDocumentBytes: settings.MAX_DOCUMENT_BYTES,
  };
}

export async function createWorkerApp(
  env: WorkerEnv,
  bundle: WorkerCorpusBundle,
  options: WorkerAppOptions = {},
): Promise<WorkerApp> {
  const settings = parseSettings(settingsRecord(env));
  const embedder = await createEmbedderFromSettings(
    settings,
    options.fetch === undefined ? {} : { fetch: options.fetch },
  );
  // Compared by name, not with indexKey(): that lives beside ingest, whose parsers pull in the
  // Danish lexicon (node:fs). The corpus-model part of the key is the build's own, made by the same code.
  const made = `${bundle.embedder.provider}:${bundle.embedder.modelId}`;
  const wanted = `${embedder.provider}:${embedder.modelId}`;
  if (made !== wanted || bundle.embedder.dimensions !== embedder.dimensions) {
    throw new InputError(
      "settings_invalid",
      `The corpus bundle's vectors were made with ${made} (${bundle.embedder.dimensions} dimensions), but the Worker's settings pick ${wanted} (${embedder.dimensions}). Rebuild the bundle with the Worker's embedder settings (npm run build:worker) or change EMBEDDER/EMBEDDING_MODEL.`,
    );
  }
  const now = () => bundle.builtAt;
  const store =
    env.VECTORIZE === undefined
      ? createMemoryStore({ embedder, now })
      : createVectorizeStore({ binding: env.VECTORIZE, embedder, now });
  await store.loadDocuments(bundleDocuments(bundle));
  const model = createWorkerModel(settings, options);
  const drafts = createMemoryDraftStore();
  const drafting =
    model === undefined
      ? {
          drafts,
          assessmentWriter: createOfflineWriter(learnDecisionPhrasing(await store.allDocuments())),
          budgetNoteWriter: createOfflineBudgetNoteWriter(),
        }
      : (() => {
          const prompts = createPromptLibrary(bundle.prompts);
          return {
            drafts,
            assessmentWriter: createModelWriter(model, prompts),
            budgetNoteWriter: createModelBudgetNoteWriter(model, prompts),
            chatToolPrompt: prompts.get(CHAT_TOOL_PROMPT_ID),
          };
        })();
  const app = createApp({
    store,
    embedder,
    allocations: createMemoryAllocationSource(bundle.allocations),
    drafting,
    ...(model === undefined ? {} : { model }),
    prompts: createPromptLibrary(bundle.prompts),
    security: createWorkerSecurity(settings),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return { app, store, settings, embedder, model };
}
