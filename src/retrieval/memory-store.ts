/**
 * A CorpusStore held in memory: documents with their cards and tables, the raw source texts, and
 * the passages with their vectors. Full text is BM25 over the folded, stemmed Danish tokens of
 * `danish-text.ts` (the words the built-in embedder sees); vectors are searched by exact cosine,
 * or by an external `VectorIndex` (Cloudflare Vectorize on Workers); hybrid fuses both with
 * reciprocal rank fusion (k = 60, as LanceDB's RRF reranker). Year, kind and card filters apply
 * to both sides. Runtime-agnostic: the Worker fills it from the built corpus bundle
 * (`loadDocuments`), Node tests by ingest. Nothing is persisted; `replaceDocument` changes this
 * instance only.
 */
import type {
  CardFilter,
  CorpusStore,
  DocumentSummary,
  StoredCard,
} from "../ports/corpus-store.ts";
import { findStoredCard, listCardSummaries } from "../corpus/corpus-store.ts";
import type { ParsedDocument } from "../domain/index.ts";
import { tokenizeDanish } from "./danish-text.ts";
import { expandQuery } from "./expand-query.ts";
import type { Chunk, SearchFilter, SearchHit, SearchRequest } from "../ports/corpus-store.ts";
import type { Embedder } from "../ports/embedder.ts";

/** A vector search that lives outside this store (Vectorize); ids are chunk ids, score is cosine similarity. */
export type VectorIndex = {
  readonly name: string;
  query(
    vector: readonly number[],
    options: { topK: number; filter: SearchFilter },
  ): Promise<Array<{ id: string; score: number }>>;
};

export type MemoryStoreOptions = {
  /** Embeds the query for the vector side (must be the embedder that made the stored vectors). */
  embedder: Embedder;
  /** Searches vectors elsewhere instead of the vectors held here. */
  vectorIndex?: VectorIndex;
  /** Passages fetched from each side before fusion; at least the request's limit. Default 50. */
  fusionDepth?: number;
  /** The `ingestedAt` time stamp of a stored document (ISO 8601); default now. The Worker passes its bundle's build time. */
  now?: () => string;
};

/** Reciprocal rank fusion constant (LanceDB's RRFReranker default). */
const RRF_K = 60;
/** BM25 parameters (tantivy's, which LanceDB's full-text index uses). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

type StoredDocument = {
  parsed: ParsedDocument;
  summary: DocumentSummary;
  sourceText: string;
  indexKey: string;
};

type IndexedChunk = {
  chunk: Chunk;
  vector: Float32Array;
  norm: number;
  terms: Map<string, number>;
  length: number;
};

type FullTextIndex = {
  postings: Map<string, Array<{ position: number; frequency: number }>>;
  averageLength: number;
};

function toFloat32(vector: ArrayLike<number>): { vector: Float32Array; norm: number } {
  const values = vector instanceof Float32Array ? vector : Float32Array.from(vector);
  let sum = 0;
  for (const value of values) sum += value * value;
  return { vector: values, norm: Math.sqrt(sum) };
}

function matchesFilter(chunk: Chunk, filter: SearchFilter): boolean {
  if (filter.year !== undefined && chunk.year !== filter.year) return false;
  if (filter.kind !== undefined && chunk.kind !== filter.kind) return false;
  if (filter.cardId !== undefined && chunk.cardId !== filter.cardId) return false;
  return true;
}

function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export type MemoryStore = CorpusStore & {
  /** Which vector search answers the vector side: "memory" or the external index's name. */
  readonly vectorBackend: string;
  /** Stores documents already parsed, chunked and embedded (a built bundle) in one step, then builds the full-text index. */
  loadDocuments(documents: readonly MemoryStoreDocument[]): Promise<void>;
};

/** A stored document as the Worker's corpus bundle carries it (see scripts/build-worker-corpus.ts). */
export type MemoryStoreDocument = {
  parsed: ParsedDocument;
  chunks: readonly Chunk[];
  /** One vector per chunk; Float32Array rows are kept as they are. */
  vectors: readonly ArrayLike<number>[];
  sourceText: string;
  indexKey: string;
};

export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const { embedder, vectorIndex } = options;
  const fusionDepth = Math.max(1, options.fusionDepth ?? 50);
  const now = options.now ?? (() => new Date().toISOString());
  const documents = new Map<string, StoredDocument>();
  let chunks: IndexedChunk[] = [];
  let chunksById = new Map<string, IndexedChunk>();
  let fullText: FullTextIndex | undefined;

  /** Rebuilds the passage list from the documents (in document order) and drops the full-text index. */
  const setChunks = (next: IndexedChunk[]): void => {
    chunks = next;
    chunksById = new Map(next.map((entry) => [entry.chunk.id, entry]));
    fullText = undefined;
  };

  const buildFullText = (): FullTextIndex => {
    if (fullText !== undefined) return fullText;
    const postings = new Map<string, Array<{ position: number; frequency: number }>>();
    let totalLength = 0;
    chunks.forEach((entry, position) => {
      totalLength += entry.length;
      for (const [term, frequency] of entry.terms) {
        let list = postings.get(term);
        if (list === undefined) {
          list = [];
          postings.set(term, list);
        }
        list.push({ position, frequency });
      }
    });
    fullText = { postings, averageLength: chunks.length === 0 ? 0 : totalLength / chunks.length };
    return fullText;
  };

  const fullTextSearch = (query: string, filter: SearchFilter, limit: number): SearchHit[] => {
    const terms = [...new Set(tokenizeDanish(query))];
    if (terms.length === 0 || chunks.length === 0) return [];
    const index = buildFullText();
    const scores = new Map<number, number>();
    for (const term of terms) {
      const list = index.postings.get(term);
      if (list === undefined) continue;
      const idf = Math.log(1 + (chunks.length - list.length + 0.5) / (list.length + 0.5));
      for (const { position, frequency } of list) {
        const entry = chunks[position];
        if (entry === undefined || !matchesFilter(entry.chunk, filter)) continue;
        const lengthRatio = index.averageLength === 0 ? 1 : entry.length / index.averageLength;
        const weight =
          (idf * frequency * (BM25_K1 + 1)) /
          (frequency + BM25_K1 * (1 - BM25_B + BM25_B * lengthRatio));
        scores.set(position, (scores.get(position) ?? 0) + weight);
      }
    }
    return [...scores.entries()]
      .sort((left, right) => right[1] - left[1] || left[0] - right[0])
      .slice(0, limit)
      .flatMap(([position, score]) => {
        const entry = chunks[position];
        return entry === undefined ? [] : [{ ...entry.chunk, score }];
      });
  };

  const memoryVectorSearch = (
    vector: readonly number[],
    filter: SearchFilter,
    limit: number,
  ): SearchHit[] => {
    const query = toFloat32(vector);
    if (query.norm === 0) return [];
    const scored: Array<{ entry: IndexedChunk; score: number }> = [];
    for (const entry of chunks) {
      if (
        !matchesFilter(entry.chunk, filter) ||
        entry.norm === 0 ||
        entry.vector.length !== query.vector.length
      )
        continue;
      let dot = 0;
      for (let index = 0; index < query.vector.length; index++)
        dot += (query.vector[index] ?? 0) * (entry.vector[index] ?? 0);
      scored.push({ entry, score: dot / (query.norm * entry.norm) });
    }
    return scored
      .sort((left, right) => right.score - left.score)
      .slice(0, limit)
      .map(({ entry, score }) => ({ ...entry.chunk, score }));
  };

  const vectorSearch = async (
    vector: readonly number[],
    filter: SearchFilter,
    limit: number,
  ): Promise<SearchHit[]> => {
    if (vectorIndex === undefined) return memoryVectorSearch(vector, filter, limit);
    const matches = await vectorIndex.query(vector, { topK: limit, filter });
    // The external index may hold passages this instance no longer has (or not yet): those are left out.
    return matches.flatMap((match) => {
      const entry = chunksById.get(match.id);
      return entry === undefined || !matchesFilter(entry.chunk, filter)
        ? []
        : [{ ...entry.chunk, score: match.score }];
    });
  };

  const search = async (request: SearchRequest): Promise<SearchHit[]> => {
    const limit = Math.min(Math.max(request.limit ?? 10, 1), 100);
    const filter: SearchFilter = {
      ...(request.year === undefined ? {} : { year: request.year }),
      ...(request.kind === undefined ? {} : { kind: request.kind }),
      ...(request.cardId === undefined ? {} : { cardId: request.cardId }),
    };
    const mode = request.mode ?? "hybrid";
    const expanded = expandQuery(request.query);
    if (chunks.length === 0) return [];
    const hasTerms = tokenizeDanish(expanded).length > 0;
    if (mode === "fulltext" || (mode === "hybrid" && !hasTerms))
      return fullTextSearch(expanded, filter, limit);
    const [vector] = await embedder.embed([expanded]);
    if (vector === undefined) return [];
    if (mode === "vector") return vectorSearch(vector, filter, limit);
    const depth = Math.max(limit, fusionDepth);
    const [textHits, vectorHits] = [
      fullTextSearch(expanded, filter, depth),
      await vectorSearch(vector, filter, depth),
    ];
    const fused = new Map<string, { hit: SearchHit; score: number }>();
    for (const hits of [textHits, vectorHits]) {
      hits.forEach((hit, rank) => {
        const seen = fused.get(hit.id);
        const contribution = 1 / (RRF_K + rank + 1);
        if (seen === undefined) fused.set(hit.id, { hit, score: contribution });
        else seen.score += contribution;
      });
    }
    return [...fused.values()]
      .sort((left, right) => right.score - left.score || left.hit.id.localeCompare(right.hit.id))
      .slice(0, limit)
      .map(({ hit, score }) => ({ ...hit, score }));
  };

  const summarize = (
    parsed: ParsedDocument,
    embedderKey: string,
    ingestedAt: string,
  ): DocumentSummary => ({
    ...parsed.document,
    cardCount: parsed.cards.length,
    figureCount: parsed.cards.reduce((sum, card) => sum + card.figures.length, 0),
    tableCount: parsed.tables.length,
    embedder: embedderKey,
    ingestedAt,
  });

  const indexChunks = (document: MemoryStoreDocument): IndexedChunk[] => {
    if (document.vectors.length !== document.chunks.length)
      throw new Error(
        `replaceDocument: ${document.chunks.length} chunks but ${document.vectors.length} vectors`,
      );
    return document.chunks.map((chunk, index) => {
      const tokens = tokenizeDanish(chunk.text);
      return {
        chunk: { ...chunk },
        ...toFloat32(document.vectors[index] ?? []),
        terms: countTerms(tokens),
        length: tokens.length,
      };
    });
  };

  const store: MemoryStore = {
    vectorBackend: vectorIndex?.name ?? "memory",
    search,
    count: async () => chunks.length,
    async listDocuments() {
      return [...documents.values()]
        .map((entry) => entry.summary)
        .sort((left, right) => left.year - right.year || left.id.localeCompare(right.id));
    },
    async listCards(filter: CardFilter = {}) {
      return listCardSummaries(
        Array.from(documents.values(), (entry) => entry.parsed),
        filter,
      );
    },
    async getCard(id: string): Promise<StoredCard | undefined> {
      return findStoredCard(
        Array.from(documents.values(), (entry) => entry.parsed),
        id,
      );
    },
    async allDocuments() {
      return [...documents.values()].map((entry) => entry.parsed);
    },
    async documentVersion(id: string) {
      const stored = documents.get(id);
      return stored === undefined
        ? undefined
        : { contentHash: stored.parsed.document.contentHash, embedder: stored.indexKey };
    },
    async replaceDocument(parsed, newChunks, vectors, indexKey, sourceText) {
      const indexed = indexChunks({ parsed, chunks: newChunks, vectors, sourceText, indexKey });
      const id = parsed.document.id;
      documents.set(id, {
        parsed,
        summary: summarize(parsed, indexKey, now()),
        sourceText,
        indexKey,
      });
      setChunks([...chunks.filter((entry) => entry.chunk.documentId !== id), ...indexed]);
    },
    async loadDocuments(loaded) {
      const indexed = loaded.map(indexChunks);
      const ids = new Set(loaded.map((document) => document.parsed.document.id));
      for (const document of loaded)
        documents.set(document.parsed.document.id, {
          parsed: document.parsed,
          summary: summarize(document.parsed, document.indexKey, now()),
          sourceText: document.sourceText,
          indexKey: document.indexKey,
        });
      setChunks([...chunks.filter((entry) => !ids.has(entry.chunk.documentId)), ...indexed.flat()]);
      buildFullText();
    },
    async refreshIndexes() {
      buildFullText();
    },
    async sourceText(documentId: string) {
      return documents.get(documentId)?.sourceText;
    },
    async storedEmbedder() {
      return documents.values().next().value?.indexKey;
    },
    async clear() {
      documents.clear();
      setChunks([]);
    },
  };
  return store;
}
