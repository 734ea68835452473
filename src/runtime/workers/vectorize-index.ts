/**
 * Cloudflare Vectorize as the vector side of the Worker's corpus store. Vectorize answers the
 * nearest passages (ids and cosine scores) with metadata filters on year, kind and cardId; the
 * in-memory store keeps the documents, the passages' text and the BM25 full-text side, and fuses
 * both with RRF. The index is filled from build/vectorize.ndjson (`npm run build:worker`), with
 * metadata indexes on year (number), kind and cardId (string); see the README's Workers section.
 */
import type { MemoryStore, VectorIndex } from "../../retrieval/memory-store.ts";
import { createMemoryStore } from "../../retrieval/memory-store.ts";
import type { Embedder } from "../../ports/embedder.ts";
import type { SearchFilter } from "../../ports/corpus-store.ts";

/** The part of the Vectorize binding (`env.VECTORIZE`, workers-types' `Vectorize`) this adapter uses. */
export type VectorizeBinding = {
  query(
    vector: number[],
    options: {
      topK: number;
      filter?: Record<string, string | number>;
      returnValues?: boolean;
      returnMetadata?: boolean | "all" | "indexed" | "none";
    },
  ): Promise<{ matches: Array<{ id: string; score: number }>; count?: number }>;
};

/** Vectorize returns at most 100 matches per query when neither values nor full metadata are asked for. */
export const VECTORIZE_MAX_TOP_K = 100;

/** The metadata filter for a search filter: equality on the indexed fields. */
export function toVectorizeFilter(
  filter: SearchFilter,
): Record<string, string | number> | undefined {
  const clauses: Record<string, string | number> = {};
  if (filter.year !== undefined) clauses.year = filter.year;
  if (filter.kind !== undefined) clauses.kind = filter.kind;
  if (filter.cardId !== undefined) clauses.cardId = filter.cardId;
  return Object.keys(clauses).length === 0 ? undefined : clauses;
}

/** A VectorIndex over a Vectorize binding. */
export function createVectorizeIndex(binding: VectorizeBinding, name = "vectorize"): VectorIndex {
  return {
    name,
    async query(vector, { topK, filter }) {
      const vectorizeFilter = toVectorizeFilter(filter);
      const result = await binding.query([...vector], {
        topK: Math.min(Math.max(1, topK), VECTORIZE_MAX_TOP_K),
        returnValues: false,
        returnMetadata: "none",
        ...(vectorizeFilter === undefined ? {} : { filter: vectorizeFilter }),
      });
      return result.matches.map((match) => ({ id: match.id, score: match.score }));
    },
  };
}

/** The Worker's corpus store with Vectorize answering the vector side. */
export function createVectorizeStore(options: {
  binding: VectorizeBinding;
  embedder: Embedder;
  now?: () => string;
}): MemoryStore {
  return createMemoryStore({
    embedder: options.embedder,
    vectorIndex: createVectorizeIndex(options.binding),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}
