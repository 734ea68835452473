/**
 * Ingest: read files, chunk, embed, store. Every file is read and embedded before the store is
 * touched, so a bad file leaves the store as it was; one bad file does not stop the batch.
 */
import type { Card, ParsedDocument } from "../domain/index.ts";
import { createKeyedQueue } from "../util/keyed-queue.ts";
import { BilagsassistentError } from "../errors/errors.ts";
import { chunkCards } from "./chunk-cards.ts";
import type { Embedder } from "../ports/embedder.ts";
import type { CorpusStore } from "../ports/corpus-store.ts";
import type { DocumentEntry, ReadDocumentOptions } from "./read-document.ts";
import { readDocument } from "./read-document.ts";

/**
 * Bumped whenever parsing or chunking changes what is stored, so a store built by an older
 * version is rebuilt at the next start-up ingest.
 */
export const CORPUS_MODEL_VERSION = 3;

/** The key stored with every document: which embedder made its vectors, and which corpus model. */
export function indexKey(embedder: Embedder): string {
  return `${embedder.provider}:${embedder.modelId}#corpus-v${CORPUS_MODEL_VERSION}`;
}

export type SourceFile = { name: string; bytes: Uint8Array; entry?: DocumentEntry };

export type IngestFileResult =
  | { file: string; status: "added" | "replaced" | "unchanged"; documentId: string; cards: number; figures: number; tables: number; chunks: number; flags: Record<string, number> }
  | { file: string; status: "failed"; code: string; error: string };

export type IngestSummary = {
  files: IngestFileResult[];
  documents: number;
  cards: number;
  figures: number;
  failed: number;
  flags: Record<string, number>;
  elapsedMs: number;
};

export type IngestProgress = { done: number; total: number; file: string };

export type IngestOptions = ReadDocumentOptions & {
  store: CorpusStore;
  embedder: Embedder;
  onProgress?: (progress: IngestProgress) => void;
  now?: () => number;
  /**
   * Runs before a stored document is replaced by a changed one (same id); throwing stops the
   * replace and leaves the store as it was (an upload's 409, see import/replace-guard.ts).
   */
  beforeReplace?: (parsed: ParsedDocument) => Promise<void>;
};

function countFlags(cards: readonly Card[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const card of cards) for (const flag of card.flags) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}

async function ingestOne(file: SourceFile, options: IngestOptions): Promise<IngestFileResult> {
  let parsed: ParsedDocument;
  try {
    parsed = await readDocument(file.name, file.bytes, file.entry, options);
  } catch (error) {
    if (error instanceof BilagsassistentError) return { file: file.name, status: "failed", code: error.code, error: error.message };
    throw error;
  }
  const counts = {
    documentId: parsed.document.id,
    cards: parsed.cards.length,
    figures: parsed.cards.reduce((sum, card) => sum + card.figures.length, 0),
    tables: parsed.tables.length,
    flags: countFlags(parsed.cards),
  };
  const embedderId = indexKey(options.embedder);
  // From reading the stored version (and the replace check) to the write, nothing else ingests this document id.
  return ingestQueue(parsed.document.id, async () => {
    const stored = await options.store.documentVersion(parsed.document.id);
    if (stored !== undefined && stored.contentHash === parsed.document.contentHash && stored.embedder === embedderId) {
      return { file: file.name, status: "unchanged", chunks: 0, ...counts };
    }
    if (stored !== undefined) await options.beforeReplace?.(parsed);
    const chunks = chunkCards(parsed.document, parsed.cards);
    let vectors: number[][];
    try {
      vectors = await options.embedder.embed(chunks.map((chunk) => chunk.text));
    } catch (error) {
      if (error instanceof BilagsassistentError) return { file: file.name, status: "failed", code: error.code, error: `${file.name}: ${error.message}` };
      throw error;
    }
    await options.store.replaceDocument(parsed, chunks, vectors, embedderId, new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ""));
    return { file: file.name, status: stored === undefined ? "added" : "replaced", chunks: chunks.length, ...counts };
  });
}

/**
 * Ingests of one document id run one at a time in this process: two uploads of one id would
 * otherwise both pass the replace check on the same stored version and both write.
 */
const ingestQueue = createKeyedQueue();

/** Ingests files one by one; returns a summary with a line per file (failures carry the reason). */
export async function ingestFiles(files: readonly SourceFile[], options: IngestOptions): Promise<IngestSummary> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const embedderId = indexKey(options.embedder);
  const previous = await options.store.storedEmbedder();
  if (previous !== undefined && previous !== embedderId) await options.store.clear();
  const results: IngestFileResult[] = [];
  for (const [index, file] of files.entries()) {
    results.push(await ingestOne(file, options));
    options.onProgress?.({ done: index + 1, total: files.length, file: file.name });
  }
  if (results.some((result) => result.status === "added" || result.status === "replaced")) await options.store.refreshIndexes();
  const flags: Record<string, number> = {};
  let documents = 0;
  let cards = 0;
  let figures = 0;
  for (const result of results) {
    if (result.status === "failed") continue;
    documents += 1;
    cards += result.cards;
    figures += result.figures;
    for (const [flag, count] of Object.entries(result.flags)) flags[flag] = (flags[flag] ?? 0) + count;
  }
  return { files: results, documents, cards, figures, failed: results.filter((result) => result.status === "failed").length, flags, elapsedMs: now() - started };
}
