/** Builds the Node services from settings: the embedder, the LanceDB store, and start-up ingest. */
import path from "node:path";
import { indexKey, ingestFiles, type IngestSummary } from "../../corpus/ingest.ts";
import type { Settings } from "../../config.ts";
import { createHashingEmbedder } from "../../retrieval/hashing-embedder.ts";
import { createOpenAIEmbedder } from "../../retrieval/openai-embedder.ts";
import type { Embedder } from "../../retrieval/ports.ts";
import { createAllocationFileSource } from "./allocation-files.ts";
import { readBundledCorpus } from "./corpus-files.ts";
import { createLanceStore } from "./lance-store.ts";

export async function createEmbedder(settings: Settings): Promise<Embedder> {
  if (settings.EMBEDDER === "builtin" || settings.EMBEDDING_MODEL === undefined) return createHashingEmbedder();
  return createOpenAIEmbedder({
    apiKey: settings.OPENAI_API_KEY ?? "not-needed",
    model: settings.EMBEDDING_MODEL,
    timeoutMs: settings.MODEL_TIMEOUT_MS,
    ...(settings.OPENAI_BASE_URL === undefined ? {} : { baseURL: settings.OPENAI_BASE_URL }),
    ...(settings.EMBEDDING_DIMENSIONS === undefined ? {} : { dimensions: settings.EMBEDDING_DIMENSIONS }),
  });
}

export type NodeServices = Awaited<ReturnType<typeof createNodeServices>>;

export async function createNodeServices(settings: Settings) {
  const embedder = await createEmbedder(settings);
  const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(settings.lanceUri) ? settings.lanceUri : path.resolve(settings.lanceUri);
  const store = await createLanceStore({ uri, embedder, annThreshold: settings.ANN_THRESHOLD });
  const allocations = await createAllocationFileSource(path.join(settings.CORPUS_DIR, "allocations"));
  return { settings, embedder, store, allocations };
}

/**
 * Start-up ingest of the bundled corpus. "auto": when the store is empty or was built with another
 * embedder; "always": every start (unchanged files are skipped); "never": not at all.
 */
export async function ingestBundledCorpus(services: NodeServices): Promise<IngestSummary | undefined> {
  const { settings, store, embedder } = services;
  if (settings.INGEST_ON_START === "never") return undefined;
  if (settings.INGEST_ON_START === "auto") {
    const stored = await store.storedEmbedder();
    if ((await store.count()) > 0 && stored === indexKey(embedder)) return undefined;
  }
  const files = await readBundledCorpus(settings.CORPUS_DIR);
  return ingestFiles(files, { store, embedder, maxBytes: settings.MAX_DOCUMENT_BYTES });
}
