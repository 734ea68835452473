/**
 * The corpus store on LanceDB (embedded, local disk or an object-store URI): a "documents" table
 * (one row per document with its parsed cards and tables as JSON) and a "chunks" table (one row
 * per passage with a vector and a Danish full-text index). Node only: LanceDB is a native module.
 */
import "./lance-environment.ts";
import * as lancedb from "@lancedb/lancedb";
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from "apache-arrow";
import type {
  CardFilter,
  CorpusStore,
  DocumentSummary,
  StoredCard,
} from "../../ports/corpus-store.ts";
import { findStoredCard, listCardSummaries } from "../../corpus/corpus-store.ts";
import type { ParsedDocument } from "../../domain/index.ts";
import { ParsedDocumentSchema } from "../../domain/index.ts";
import type { Chunk, SearchFilter, SearchHit, SearchRequest } from "../../ports/corpus-store.ts";
import type { Embedder } from "../../ports/embedder.ts";
import { expandQuery } from "../../retrieval/expand-query.ts";
import { createKeyedQueue } from "../../util/keyed-queue.ts";
import { ConflictError } from "../../errors/errors.ts";
import { openOrCreateTable, quoteSql } from "./lance-tables.ts";

export type LanceStoreOptions = {
  /** A folder or an object-store URI (s3://…, gs://…, az://…). */
  uri: string;
  embedder: Embedder;
  /** Rows from which a vector (ANN) index is built. */
  annThreshold?: number;
  /** Seconds between checks for other processes' writes; 0 checks on every read. */
  readConsistencyInterval?: number;
  /** Object-store settings (endpoint, keys, region, allow-HTTP) for an s3:// URI. */
  storageOptions?: Record<string, string>;
  /**
   * Passages of no stored document (a write cut short) older than this are deleted when the store
   * opens; younger ones may be another instance's write in progress. Search never returns them.
   * Default: 0 for a folder (one writer, see the data-folder lock), 15 minutes for an object store.
   */
  orphanGraceMs?: number;
  /**
   * Delete orphans when the store opens (default true). Only a process holding the data-folder
   * lock may (the server, a CLI command that takes it): with a 0 ms grace, a reader's clean-up
   * would delete the passages of another process's write in progress.
   */
  cleanUpOnOpen?: boolean;
};

/**
 * A generation names one stored version of a document's passages; it starts with the time it was
 * written so a clean-up can tell a crashed write from one in progress. Older generations are bare
 * UUIDs (time 0).
 */
export function newGeneration(now = Date.now()): string {
  return `g${now}-${crypto.randomUUID()}`;
}

export function generationTime(generation: string): number {
  const match = /^g(\d+)-/.exec(generation);
  return match === null ? 0 : Number(match[1]);
}

const DOCUMENTS = "documents";
const CHUNKS = "chunks";
const CHUNK_COLUMNS = [
  "id",
  "cardId",
  "documentId",
  "documentTitle",
  "kind",
  "year",
  "cardNumber",
  "title",
  "sectionKind",
  "heading",
  "decision",
  "quote",
  "text",
  "start",
  "end",
] as const;

/** Danish full text: stemming, stop words, æøå folded so "økonomi" meets "okonomi", positions for phrases. */
export const DANISH_FTS = {
  language: "Danish",
  stem: true,
  removeStopWords: true,
  asciiFolding: true,
  withPosition: true,
  lowercase: true,
} as const;

function documentsSchema(): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("generation", new Utf8(), false),
    new Field("contentHash", new Utf8(), false),
    new Field("embedder", new Utf8(), false),
    new Field("ingestedAt", new Utf8(), false),
    new Field("json", new Utf8(), false),
    new Field("sourceText", new Utf8(), false),
  ]);
}

function chunksSchema(dimensions: number): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("generation", new Utf8(), false),
    new Field("cardId", new Utf8(), false),
    new Field("documentId", new Utf8(), false),
    new Field("documentTitle", new Utf8(), false),
    new Field("kind", new Utf8(), false),
    new Field("year", new Int32(), false),
    new Field("cardNumber", new Int32(), true),
    new Field("title", new Utf8(), false),
    new Field("sectionKind", new Utf8(), false),
    new Field("heading", new Utf8(), false),
    new Field("decision", new Utf8(), false),
    new Field("quote", new Utf8(), false),
    new Field("text", new Utf8(), false),
    new Field("start", new Int32(), false),
    new Field("end", new Int32(), false),
    new Field(
      "vector",
      new FixedSizeList(dimensions, new Field("item", new Float32(), true)),
      false,
    ),
  ]);
}

function whereClause(filter: SearchFilter): string | undefined {
  const parts: string[] = [];
  if (filter.year !== undefined) parts.push(`year = ${Math.trunc(filter.year)}`);
  if (filter.kind !== undefined) parts.push(`kind = ${quoteSql(filter.kind)}`);
  if (filter.cardId !== undefined) parts.push(`cardId = ${quoteSql(filter.cardId)}`);
  return parts.length === 0 ? undefined : parts.join(" AND ");
}

/** Keeps letters, digits and spaces: the full-text query parser reads punctuation as syntax. */
export function sanitizeFullTextQuery(query: string): string {
  return query
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Chunk rows kept in memory for search hits (about 1–2 KB each). */
const CHUNK_ROW_CACHE = 20_000;
const chunkRowKey = (row: Record<string, unknown>) =>
  `${String(row.generation)}\u0000${String(row.id)}`;

function toHit(row: Record<string, unknown>, score: number): SearchHit {
  const chunk = Object.fromEntries(
    CHUNK_COLUMNS.map((column) => [column, row[column]]),
  ) as unknown as Chunk;
  return { ...chunk, cardNumber: chunk.cardNumber ?? null, score };
}

export async function createLanceStore(options: LanceStoreOptions): Promise<
  CorpusStore & {
    close(): void;
    optimize(): Promise<void>;
    orphansRemoved: number;
    removeOrphans(graceMs: number): Promise<number>;
  }
> {
  const connection = await lancedb.connect(options.uri, {
    readConsistencyInterval: options.readConsistencyInterval ?? 0,
    ...(options.storageOptions === undefined ? {} : { storageOptions: options.storageOptions }),
  });
  const objectStore = /^[a-z][a-z0-9+.-]*:\/\//i.test(options.uri);
  const annThreshold = options.annThreshold ?? 5_000;
  const embedder = options.embedder;
  let documentsCache: Map<string, { parsed: ParsedDocument; summary: DocumentSummary }> | undefined;
  /** The generation of each stored document's passages: only these are searched. */
  let currentGenerations = new Set<string>();
  /** The documents table's version the cache was read at: another writer's commit reloads it. */
  let documentsVersion: number | undefined;
  const reranker = await lancedb.rerankers.RRFReranker.create();
  /** Writes of one document run one at a time in this process (the switch below also checks across processes). */
  const writes = createKeyedQueue();

  /** A table of an older layout (other columns) is dropped and made anew. */
  const openOrCreate = (name: string, schema: Schema): Promise<lancedb.Table> =>
    openOrCreateTable(connection, name, schema, { replaceOtherLayout: true });
  let documentsTable = await openOrCreate(DOCUMENTS, documentsSchema());
  let chunksTable = await openOrCreate(CHUNKS, chunksSchema(embedder.dimensions));

  const loadDocuments = async (): Promise<
    Map<string, { parsed: ParsedDocument; summary: DocumentSummary }>
  > => {
    const version = await documentsTable.version();
    if (documentsCache !== undefined && version === documentsVersion) return documentsCache;
    const rows = await documentsTable
      .query()
      .select(["json", "embedder", "ingestedAt", "generation"])
      .toArray();
    const loaded = new Map<string, { parsed: ParsedDocument; summary: DocumentSummary }>();
    const generations = new Set<string>();
    for (const row of rows as Array<Record<string, string>>) {
      generations.add(row.generation ?? "");
      const parsed = ParsedDocumentSchema.parse(JSON.parse(row.json ?? "{}"));
      loaded.set(parsed.document.id, {
        parsed,
        summary: {
          ...parsed.document,
          cardCount: parsed.cards.length,
          figureCount: parsed.cards.reduce((sum, card) => sum + card.figures.length, 0),
          tableCount: parsed.tables.length,
          embedder: row.embedder ?? "",
          ingestedAt: row.ingestedAt ?? "",
        },
      });
    }
    documentsCache = loaded;
    currentGenerations = generations;
    documentsVersion = version;
    return loaded;
  };

  /*
   * A document and its passages are committed together: passages are added under a new generation
   * (invisible: no document names it), then the document row is switched to that generation in one
   * commit, then the older generation's passages are deleted. A crash before the switch leaves the
   * old document whole; after it, the new one. Passages of no document's generation are skipped by
   * search and removed here when the store opens.
   */
  const removeOrphans = async (graceMs: number): Promise<number> => {
    await loadDocuments();
    const seen = new Set<string>();
    for (const row of (await chunksTable.query().select(["generation"]).toArray()) as Array<
      Record<string, string>
    >)
      seen.add(row.generation ?? "");
    const cutoff = Date.now() - graceMs;
    const orphans = [...seen].filter(
      (generation) => !currentGenerations.has(generation) && generationTime(generation) <= cutoff,
    );
    if (orphans.length === 0) return 0;
    const where = `generation IN (${orphans.map(quoteSql).join(", ")})`;
    const count = await chunksTable.countRows(where);
    await chunksTable.delete(where);
    return count;
  };

  const ensureIndexes = async (): Promise<void> => {
    const rows = await chunksTable.countRows();
    if (rows === 0) return;
    await chunksTable.createIndex("text", { config: lancedb.Index.fts(DANISH_FTS), replace: true });
    const indices = await chunksTable.listIndices();
    const hasVectorIndex = indices.some((index) => index.columns.includes("vector"));
    if (rows >= annThreshold && !hasVectorIndex) {
      await chunksTable.createIndex("vector", {
        config: lancedb.Index.ivfPq({
          distanceType: "cosine",
          numPartitions: Math.max(1, Math.round(Math.sqrt(rows))),
          numSubVectors: Math.max(1, Math.floor(embedder.dimensions / 16)),
        }),
      });
    } else if (hasVectorIndex) {
      await chunksTable.optimize();
    }
  };

  /*
   * Searches select only each candidate's id, generation and row id, and take the other columns from
   * this map, or by row id for rows not yet seen: reading every column of 60 candidates on each side
   * of a hybrid query was a third of its time. A generation is new on every replace, so a cached row
   * is never stale; the oldest rows go first beyond CHUNK_ROW_CACHE. When a row changed between the
   * two reads (another writer), the query runs again with every column, as before.
   */
  const chunkRows = new Map<string, Record<string, unknown>>();
  const searchRows = async (
    build: (columns: string[]) => lancedb.Query | lancedb.VectorQuery,
  ): Promise<Array<Record<string, unknown>>> => {
    const keyed = (await build(["id", "generation"]).withRowId().toArray()) as Array<
      Record<string, unknown>
    >;
    const missing = keyed.filter((row) => !chunkRows.has(chunkRowKey(row)));
    if (missing.length > 0) {
      /* A row id another writer's compaction has moved reads another row or none: the keys below tell, and the query runs again. */
      const taken = (await chunksTable
        .takeRowIds(missing.map((row) => row._rowid as bigint))
        .select(["generation", ...CHUNK_COLUMNS])
        .toArray()
        .catch(() => [])) as Array<Record<string, unknown>>;
      for (const row of taken) {
        const plain = Object.fromEntries(
          ["generation", ...CHUNK_COLUMNS].map((column) => [column, row[column]]),
        );
        chunkRows.set(chunkRowKey(plain), plain);
      }
    }
    const rows = keyed.map((row) => {
      const cached = chunkRows.get(chunkRowKey(row));
      return cached === undefined
        ? undefined
        : {
            ...cached,
            _score: row._score,
            _distance: row._distance,
            _relevance_score: row._relevance_score,
          };
    });
    for (const key of chunkRows.keys()) {
      if (chunkRows.size <= CHUNK_ROW_CACHE) break;
      chunkRows.delete(key);
    }
    await loadDocuments();
    const current = (row: Record<string, unknown> | undefined) =>
      row === undefined || currentGenerations.has(String(row.generation));
    if (rows.every((row) => row !== undefined)) return rows.filter(current);
    return (
      (await build(["generation", ...CHUNK_COLUMNS]).toArray()) as Array<Record<string, unknown>>
    ).filter(current);
  };

  const search = async (request: SearchRequest): Promise<SearchHit[]> => {
    const limit = Math.min(Math.max(request.limit ?? 10, 1), 100);
    const where = whereClause(request);
    const mode = request.mode ?? "hybrid";
    const expanded = expandQuery(request.query);
    const text = sanitizeFullTextQuery(expanded);
    if ((await chunksTable.countRows()) === 0) return [];
    if (mode === "fulltext" || (mode === "hybrid" && text.length === 0)) {
      if (text.length === 0) return [];
      const rows = await searchRows((columns) => {
        const query = chunksTable
          .query()
          .fullTextSearch(text, { columns: ["text"] })
          .select([...columns, "_score"])
          .limit(limit);
        return where === undefined ? query : query.where(where);
      });
      return rows.map((row) => toHit(row, Number(row._score ?? 0)));
    }
    const [vector] = await embedder.embed([expanded]);
    if (vector === undefined) return [];
    // A query with nothing the embedder can represent ("a", "7") has a zero vector: LanceDB's hybrid
    // rank then fails, and a vector search means nothing. Full text alone answers it, or nothing does.
    if (vector.every((value) => value === 0))
      return mode === "vector" || text.length === 0 ? [] : search({ ...request, mode: "fulltext" });
    if (mode === "vector") {
      const rows = await searchRows((columns) => {
        const query = chunksTable
          .query()
          .nearestTo(vector)
          .distanceType("cosine")
          .select([...columns, "_distance"])
          .limit(limit);
        return where === undefined ? query : query.where(where);
      });
      return rows.map((row) => toHit(row, 1 - Number(row._distance ?? 1)));
    }
    const rows = await searchRows((columns) => {
      const query = chunksTable
        .query()
        .nearestTo(vector)
        .distanceType("cosine")
        .fullTextSearch(text, { columns: ["text"] })
        .select([...columns])
        .rerank(reranker)
        .limit(limit);
      return where === undefined ? query : query.where(where);
    });
    return rows.map((row) => toHit(row, Number(row._relevance_score ?? 0)));
  };

  const orphansRemoved =
    (options.cleanUpOnOpen ?? true)
      ? await removeOrphans(options.orphanGraceMs ?? (objectStore ? 15 * 60_000 : 0))
      : 0;

  return {
    search,
    /** Passages of no stored document deleted when the store opened (a write cut short). */
    orphansRemoved,
    removeOrphans,
    count: () => chunksTable.countRows(),
    async listDocuments() {
      return [...(await loadDocuments()).values()]
        .map((entry) => entry.summary)
        .sort((left, right) => left.year - right.year || left.id.localeCompare(right.id));
    },
    async listCards(filter: CardFilter = {}) {
      return listCardSummaries(
        Array.from((await loadDocuments()).values(), (entry) => entry.parsed),
        filter,
      );
    },
    async getCard(id: string): Promise<StoredCard | undefined> {
      return findStoredCard(
        Array.from((await loadDocuments()).values(), (entry) => entry.parsed),
        id,
      );
    },
    async allDocuments() {
      return [...(await loadDocuments()).values()].map((entry) => entry.parsed);
    },
    async documentVersion(id: string) {
      const rows = (await documentsTable
        .query()
        .where(`id = ${quoteSql(id)}`)
        .select(["contentHash", "embedder"])
        .limit(1)
        .toArray()) as Array<Record<string, string>>;
      const row = rows[0];
      return row === undefined
        ? undefined
        : { contentHash: row.contentHash ?? "", embedder: row.embedder ?? "" };
    },
    async replaceDocument(parsed, chunks, vectors, embedderId, sourceText) {
      if (vectors.length !== chunks.length)
        throw new Error(`replaceDocument: ${chunks.length} chunks but ${vectors.length} vectors`);
      const id = parsed.document.id;
      return writes(id, async () => {
        const generation = newGeneration();
        /* The generation this write replaces: the switch below happens only if it is still the stored one. */
        const previous = (
          (await documentsTable
            .query()
            .where(`id = ${quoteSql(id)}`)
            .select(["generation"])
            .limit(1)
            .toArray()) as Array<Record<string, string>>
        )[0]?.generation;
        if (chunks.length > 0) {
          await chunksTable.add(
            chunks.map((chunk, index) => ({ ...chunk, generation, vector: vectors[index] ?? [] })),
          );
        }
        const row = {
          id,
          generation,
          contentHash: parsed.document.contentHash,
          embedder: embedderId,
          ingestedAt: new Date().toISOString(),
          json: JSON.stringify(parsed),
          sourceText,
        };
        const merge = documentsTable.mergeInsert("id");
        const switched =
          previous === undefined
            ? await merge.whenNotMatchedInsertAll().execute([row])
            : await merge
                .whenMatchedUpdateAll({ where: `target.generation = ${quoteSql(previous)}` })
                .execute([row]);
        documentsCache = undefined;
        if (switched.numInsertedRows + switched.numUpdatedRows !== 1) {
          // Another writer switched the document first: its passages stay, this write's go.
          await chunksTable.delete(`generation = ${quoteSql(generation)}`);
          throw new ConflictError(
            "document_changed",
            `${id} was replaced by another upload while this one was being written; nothing of this upload was stored. Send it again if it should replace the newer one.`,
            { details: { documentId: id } },
          );
        }
        if (previous !== undefined)
          await chunksTable.delete(
            `documentId = ${quoteSql(id)} AND generation = ${quoteSql(previous)}`,
          );
      });
    },
    refreshIndexes: ensureIndexes,
    async sourceText(documentId: string) {
      const rows = (await documentsTable
        .query()
        .where(`id = ${quoteSql(documentId)}`)
        .select(["sourceText"])
        .limit(1)
        .toArray()) as Array<Record<string, string>>;
      return rows[0]?.sourceText;
    },
    async storedEmbedder() {
      const rows = (await documentsTable.query().select(["embedder"]).limit(1).toArray()) as Array<
        Record<string, string>
      >;
      return rows[0]?.embedder;
    },
    async clear() {
      await connection.dropTable(CHUNKS);
      await connection.dropTable(DOCUMENTS);
      documentsTable = await openOrCreate(DOCUMENTS, documentsSchema());
      chunksTable = await openOrCreate(CHUNKS, chunksSchema(embedder.dimensions));
      documentsCache = undefined;
      chunkRows.clear();
    },
    async optimize() {
      await chunksTable.optimize();
    },
    close() {
      documentsTable.close();
      chunksTable.close();
      connection.close();
    },
  };
}
