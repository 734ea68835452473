/**
 * The whole API for tests of it as other systems meet it: every route served (drafting with the
 * offline writers, uploads, allocation import), the bundled corpus in a memory store, the corpus's
 * allocation data, and token mode with one admin token.
 */
import path from "node:path";
import { ingestFiles } from "../../src/corpus/ingest.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createMemoryAllocationStore } from "../../src/import/allocation-store.ts";
import { createHashingEmbedder } from "../../src/retrieval/hashing-embedder.ts";
import { createMemoryStore } from "../../src/retrieval/memory-store.ts";
import { readAllocationFiles } from "../../src/runtime/node/allocation-files.ts";
import { readBundledCorpus } from "../../src/runtime/node/corpus-files.ts";
import { createSha256Hasher, hashToken } from "../../src/runtime/node/tokens-file.ts";
import { createMemoryDraftStore } from "../../src/runtime/workers/memory-draft-store.ts";
import { createMemoryAuditTrail } from "../../src/security/audit-trail.ts";
import { createTokenVerifier } from "../../src/security/tokens.ts";
import { CORPUS_DIR } from "../../evals/support/corpus-store.ts";

export const API_TOKEN = "api-admin-token-0123456789";

export async function createApiTestApp(
  options: { log?: (message: string, error?: unknown) => void } = {},
) {
  const embedder = createHashingEmbedder();
  const store = createMemoryStore({ embedder });
  await ingestFiles(await readBundledCorpus(CORPUS_DIR), { store, embedder });
  const allocations = createMemoryAllocationStore(
    await readAllocationFiles(path.join(CORPUS_DIR, "allocations")),
  );
  const app = createApp({
    store,
    embedder,
    drafting: {
      drafts: createMemoryDraftStore(),
      assessmentWriter: createOfflineWriter(learnDecisionPhrasing(await store.allDocuments())),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    importing: { allocations },
    security: {
      auth: {
        mode: "tokens",
        verifier: createTokenVerifier(
          [{ name: "integrator", role: "admin", hash: hashToken(API_TOKEN) }],
          createSha256Hasher(),
        ),
      },
      auditTrail: createMemoryAuditTrail(),
    },
    log: options.log ?? (() => undefined),
  });
  return { app, store, allocations, token: API_TOKEN };
}
