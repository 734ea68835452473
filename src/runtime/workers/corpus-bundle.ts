/**
 * The built corpus the Worker serves: documents parsed at build time (the Danish lexicon for OCR
 * repair reads files with node:fs and is never needed in the Worker), their passages with vectors,
 * raw source texts, allocation data and prompt files. `scripts/build-worker-corpus.ts` writes it
 * to build/worker-corpus.json; the Worker imports it as the module "bilagsassistent-worker-corpus"
 * (an alias in wrangler.toml and vitest.workers.config.ts). Pure: no runtime APIs, so the Node
 * build script and the Worker share these helpers.
 */
import type { ParsedDocument } from "../../domain/index.ts";
import type { MemoryStoreDocument } from "../../retrieval/memory-store.ts";
import type { Chunk } from "../../ports/corpus-store.ts";
import type { AllocationEntry } from "../../ports/allocation-store.ts";

/** Bumped when the bundle's shape changes; the Worker refuses a bundle of another format. */
export const CORPUS_BUNDLE_FORMAT = 1;

export type BundledDocument = {
  parsed: ParsedDocument;
  /** The raw source text (citations point into it). */
  sourceText: string;
  chunks: Chunk[];
  /** Every chunk's vector, Float32 little-endian, concatenated in chunk order, base64. */
  vectors: string;
};

export type WorkerCorpusBundle = {
  format: number;
  /** ISO 8601; shown as the documents' `ingestedAt`. */
  builtAt: string;
  /** Embedder and corpus-model version the vectors were made with (`indexKey(embedder)`). */
  indexKey: string;
  embedder: { provider: string; modelId: string; dimensions: number };
  documents: BundledDocument[];
  allocations: AllocationEntry[];
  /** Prompt file name → text (prompts/<id>.v<version>.md), for the model writers. */
  prompts: Record<string, string>;
};

/** Float32 vectors → one base64 string (about a third of the JSON-number size). */
export function encodeVectors(vectors: readonly (readonly number[])[], dimensions: number): string {
  const values = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => {
    if (vector.length !== dimensions)
      throw new Error(`vector ${row} has ${vector.length} dimensions, expected ${dimensions}`);
    values.set(vector, row * dimensions);
  });
  const bytes = new Uint8Array(values.buffer);
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

/** The inverse of encodeVectors: one Float32Array view per vector over a single buffer. */
export function decodeVectors(encoded: string, dimensions: number): Float32Array[] {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const values = new Float32Array(bytes.buffer, 0, Math.floor(bytes.byteLength / 4));
  const vectors: Float32Array[] = [];
  for (let offset = 0; offset + dimensions <= values.length; offset += dimensions)
    vectors.push(values.subarray(offset, offset + dimensions));
  return vectors;
}

/** The bundle's documents in the shape `MemoryStore.loadDocuments` takes; throws when the bundle does not fit this Worker. */
export function bundleDocuments(bundle: WorkerCorpusBundle): MemoryStoreDocument[] {
  if (bundle.format !== CORPUS_BUNDLE_FORMAT) {
    throw new Error(
      `The corpus bundle has format ${String(bundle.format)}; this Worker reads format ${CORPUS_BUNDLE_FORMAT}. Run npm run build:worker.`,
    );
  }
  return bundle.documents.map((document) => {
    const vectors = decodeVectors(document.vectors, bundle.embedder.dimensions);
    if (vectors.length !== document.chunks.length) {
      throw new Error(
        `The corpus bundle is damaged: ${document.parsed.document.id} has ${document.chunks.length} passages but ${vectors.length} vectors. Run npm run build:worker.`,
      );
    }
    return {
      parsed: document.parsed,
      chunks: document.chunks,
      vectors,
      sourceText: document.sourceText,
      indexKey: bundle.indexKey,
    };
  });
}
