/**
 * The corpus store port: where the parsed documents, their cards and tables live, and the chunk
 * index that answers full-text, vector and hybrid queries over their passages.
 */
import type {
  BudgetTable,
  Card,
  CorpusDocument,
  Decision,
  DocumentKind,
  ParsedDocument,
  SectionKind,
} from "../domain/index.ts";

/** One searchable passage: a section, or a part of a long section. */
export type Chunk = {
  /** `${cardId}:${sectionIndex}:${part}` */
  id: string;
  cardId: string;
  documentId: string;
  documentTitle: string;
  kind: DocumentKind;
  year: number;
  cardNumber: number | null;
  title: string;
  sectionKind: SectionKind;
  heading: string;
  decision: Decision;
  /** The passage as shown and quoted (OCR-repaired where the source needed it). */
  quote: string;
  /** Title, heading and passage: what full text search and the embedder see. */
  text: string;
  /** Raw source span of the passage. */
  start: number;
  end: number;
};

export type SearchMode = "hybrid" | "fulltext" | "vector";

export type SearchFilter = {
  year?: number;
  kind?: DocumentKind;
  cardId?: string;
};

export type SearchRequest = SearchFilter & {
  query: string;
  limit?: number;
  mode?: SearchMode;
};

export type SearchHit = Chunk & { score: number };

/** Stores chunks with their vectors and answers full-text, vector and hybrid queries. */
export type ChunkIndex = {
  search(request: SearchRequest): Promise<SearchHit[]>;
  count(): Promise<number>;
};

export type CardSummary = {
  id: string;
  documentId: string;
  documentTitle: string;
  number: number | null;
  title: string;
  year: number;
  kind: DocumentKind;
  decision: Decision;
  flags: Card["flags"];
  figureCount: number;
};

export type CardFilter = { year?: number; kind?: DocumentKind; decision?: Decision };

export type StoredCard = { card: Card; document: CorpusDocument; tables: BudgetTable[] };

export type DocumentSummary = CorpusDocument & {
  cardCount: number;
  figureCount: number;
  tableCount: number;
  embedder: string;
  ingestedAt: string;
};

export type CorpusStore = ChunkIndex & {
  listDocuments(): Promise<DocumentSummary[]>;
  listCards(filter?: CardFilter): Promise<CardSummary[]>;
  getCard(id: string): Promise<StoredCard | undefined>;
  /** Every stored parsed document (for audits and matching across years). */
  allDocuments(): Promise<ParsedDocument[]>;
  /** Content hash and embedder of a stored document, to decide whether an ingest changes anything. */
  documentVersion(id: string): Promise<{ contentHash: string; embedder: string } | undefined>;
  /** Stores a document with its chunks, vectors and raw source text, replacing its earlier rows in one step each. */
  replaceDocument(
    parsed: ParsedDocument,
    chunks: readonly Chunk[],
    vectors: readonly number[][],
    indexKey: string,
    sourceText: string,
  ): Promise<void>;
  /** Builds or refreshes the full-text and vector indexes; call once after a batch of replaceDocument. */
  refreshIndexes(): Promise<void>;
  /** The raw source text of a stored document (spans point into it). */
  sourceText(documentId: string): Promise<string | undefined>;
  /** The index key (embedder and corpus model version) the stored rows were made with, if any. */
  storedEmbedder(): Promise<string | undefined>;
  /** Drops every stored row (used when the embedder changes and vectors must be rebuilt). */
  clear(): Promise<void>;
};
