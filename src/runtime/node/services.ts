/** Builds the Node services from settings: the embedder, the LanceDB store, and start-up ingest. */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import { indexKey, ingestFiles, type IngestSummary } from "../../corpus/ingest.ts";
import { isRemoteUri, type Settings } from "../../config.ts";
import { createEmbedderFromSettings } from "../../retrieval/create-embedder.ts";
import { loadDanishLexicon } from "../../corpus/danish-lexicon.ts";
import {
  createModelBudgetNoteWriter,
  createOfflineBudgetNoteWriter,
} from "../../drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../drafting/decision-phrasing.ts";
import { CHAT_TOOL_PROMPT_ID } from "../../chat/run-chat-turn.ts";
import { createModelWriter } from "../../drafting/model-writer.ts";
import { createOfflineWriter } from "../../drafting/offline-writer.ts";
import { createLanguageModelFromSettings } from "../../model/create-model-from-settings.ts";
import type { LanguageModel } from "../../ports/language-model.ts";
import type { SecurityOptions } from "../../http/auth.ts";
import { createRateLimiter } from "../../security/rate-limiter.ts";
import { createSettingsAllocationStore } from "./allocations-import.ts";
import { createFileAuditTrail, type FileAuditTrail } from "./audit-log-file.ts";
import { loadTokenVerifier } from "./tokens-file.ts";
import { createLanceConversationStore } from "./lance-conversation-store.ts";
import { createLanceDraftStore } from "./lance-draft-store.ts";
import { loadPromptLibrary } from "./prompt-files.ts";
import { readBundledCorpus } from "./corpus-files.ts";
import { createFileLinkStore } from "./initiative-links-file.ts";
import { createLanceStore } from "./lance-store.ts";

export type NodeServices = Awaited<ReturnType<typeof createNodeServices>>;

/**
 * `holdsDataFolder`: this process holds the data-folder lock (the server, a CLI command that takes
 * it). Only then is destructive clean-up run at start (orphan passages, interrupted imports).
 */
export async function createNodeServices(
  settings: Settings,
  options: { holdsDataFolder: boolean },
) {
  const embedder = await createEmbedderFromSettings(settings);
  const uri = isRemoteUri(settings.lanceUri) ? settings.lanceUri : path.resolve(settings.lanceUri);
  const store = await openCorpusIndex(settings, uri, embedder, options.holdsDataFolder);
  const allocations = await createSettingsAllocationStore(settings, options);
  const stateUri = isRemoteUri(settings.stateUri)
    ? settings.stateUri
    : path.resolve(settings.stateUri);
  const drafts = await createLanceDraftStore({ uri: stateUri });
  const conversations = await createLanceConversationStore({ uri: stateUri });
  const model = createLanguageModel(settings);
  const initiativeLinks = createFileLinkStore(
    path.resolve(settings.DATA_DIR, "initiative-links.json"),
  );
  return { settings, embedder, store, allocations, drafts, conversations, model, initiativeLinks };
}

/** The corpus index; an object store that cannot be reached is a start-up error saying which settings to check. */
async function openCorpusIndex(
  settings: Settings,
  uri: string,
  embedder: Awaited<ReturnType<typeof createEmbedderFromSettings>>,
  cleanUpOnOpen: boolean,
) {
  try {
    return await createLanceStore({
      uri,
      embedder,
      cleanUpOnOpen,
      annThreshold: settings.ANN_THRESHOLD,
      ...(settings.lanceStorageOptions === undefined
        ? {}
        : { storageOptions: settings.lanceStorageOptions }),
    });
  } catch (error) {
    if (!isRemoteUri(uri)) throw error;
    const endpoint = settings.LANCEDB_S3_ENDPOINT ?? "the provider's default endpoint";
    throw new Error(
      `Cannot open the corpus index at ${uri} (${endpoint}): ${error instanceof Error ? error.message : String(error)}\nCheck LANCEDB_URI (bucket and path), LANCEDB_S3_ENDPOINT, LANCEDB_S3_REGION, LANCEDB_S3_ACCESS_KEY_ID / LANCEDB_S3_SECRET_ACCESS_KEY and LANCEDB_S3_ALLOW_HTTP; the bucket must exist.`,
      { cause: error },
    );
  }
}

/**
 * The audit chain's key: AUDIT_HMAC_KEY, or else a random key made once in
 * DATA_DIR/audit-hmac.key (readable by this user only). The fallback detects damage and a
 * rewrite by someone without access to the data folder, not by someone who can read the key.
 */
export async function auditKey(
  settings: Pick<Settings, "AUDIT_HMAC_KEY" | "DATA_DIR">,
): Promise<{ key: Uint8Array; source: "environment" } | { key: Uint8Array; source: string }> {
  if (settings.AUDIT_HMAC_KEY !== undefined)
    return { key: Buffer.from(settings.AUDIT_HMAC_KEY, "utf8"), source: "environment" };
  const file = path.resolve(settings.DATA_DIR, "audit-hmac.key");
  try {
    const handle = await open(file, "wx", 0o600);
    await handle.writeFile(`${randomBytes(32).toString("hex")}\n`);
    await handle.sync();
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const text = (await readFile(file, "utf8")).trim();
  if (text.length < 32)
    throw new Error(
      `${file} holds no usable key (under 32 characters); delete it or set AUDIT_HMAC_KEY.`,
    );
  return { key: Buffer.from(text, "utf8"), source: file };
}

/** The chat model when CHAT_MODEL is set; drafting runs offline without it. */
export function createLanguageModel(settings: Settings): LanguageModel | undefined {
  return createLanguageModelFromSettings(settings);
}

/**
 * Access control and the audit trail from settings: tokens (TOKENS_FILE, API_TOKENS) or the local
 * single-user mode, the per-token rate limit, limits, and the append-only audit log under DATA_DIR.
 */
export async function createSecurity(
  settings: Settings,
): Promise<{ options: SecurityOptions; auditTrail: FileAuditTrail; auditKeySource: string }> {
  const verifier = await loadTokenVerifier(settings);
  await mkdir(settings.DATA_DIR, { recursive: true });
  const { key, source } = await auditKey(settings);
  // After AUDIT_HMAC_KEY was set, the earlier fallback key still verifies the lines signed with it.
  const fallback =
    source === "environment"
      ? await readFile(path.resolve(settings.DATA_DIR, "audit-hmac.key"), "utf8").then(
          (text) => (text.trim().length >= 32 ? [Buffer.from(text.trim(), "utf8")] : []),
          () => [],
        )
      : [];
  const auditTrail = await createFileAuditTrail({
    file: settings.auditLogFile,
    key,
    previousKeys: fallback,
    head:
      settings.AUDIT_HEAD_FILE === undefined
        ? `${settings.auditLogFile}.head`
        : path.resolve(settings.AUDIT_HEAD_FILE),
  });
  const options: SecurityOptions = {
    auth:
      settings.AUTH_MODE === "tokens" && verifier !== undefined
        ? { mode: "tokens", verifier }
        : { mode: "local" },
    // Local mode has one user: no limit unless RATE_LIMIT_PER_MINUTE is set.
    ...(settings.AUTH_MODE === "tokens" || settings.rateLimitExplicit
      ? { rateLimiter: createRateLimiter({ perMinute: settings.RATE_LIMIT_PER_MINUTE }) }
      : {}),
    auditTrail,
    requestTimeoutMs: settings.REQUEST_TIMEOUT_MS,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    maxDocumentBytes: settings.MAX_DOCUMENT_BYTES,
  };
  return { options, auditTrail, auditKeySource: source };
}

/**
 * The writers of drafts: the model's when one is configured, else the offline writers, whose
 * decision phrasing is learned from the indexed corpus (call after the start-up ingest).
 */
export async function createDrafting(services: NodeServices) {
  const prompts = await loadPromptLibrary(services.settings.PROMPTS_DIR);
  if (services.model !== undefined) {
    return {
      drafts: services.drafts,
      assessmentWriter: createModelWriter(services.model, prompts),
      budgetNoteWriter: createModelBudgetNoteWriter(services.model, prompts),
      chatToolPrompt: prompts.get(CHAT_TOOL_PROMPT_ID),
    };
  }
  const phrasing = learnDecisionPhrasing(await services.store.allDocuments());
  return {
    drafts: services.drafts,
    assessmentWriter: createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() }),
    budgetNoteWriter: createOfflineBudgetNoteWriter(),
  };
}

/**
 * Start-up ingest of the bundled corpus. "auto": when the store is empty or was built with another
 * embedder; "always": every start (unchanged files are skipped); "never": not at all.
 */
export async function ingestBundledCorpus(
  services: NodeServices,
): Promise<IngestSummary | undefined> {
  const { settings, store, embedder } = services;
  if (settings.INGEST_ON_START === "never") return undefined;
  if (settings.INGEST_ON_START === "auto") {
    const stored = await store.storedEmbedder();
    if ((await store.count()) > 0 && stored === indexKey(embedder)) return undefined;
  }
  const files = await readBundledCorpus(settings.CORPUS_DIR);
  return ingestFiles(files, { store, embedder, maxBytes: settings.MAX_DOCUMENT_BYTES });
}
