/** The port for where the corpus lives: documents with their cards and tables, and the chunk index. */
import type { BudgetTable, Card, CorpusDocument, Decision, DocumentKind, ParsedDocument } from "../domain/index.ts";
import type { Chunk, ChunkIndex } from "../retrieval/ports.ts";

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

export type DocumentSummary = CorpusDocument & { cardCount: number; figureCount: number; tableCount: number; embedder: string; ingestedAt: string };

export type CorpusStore = ChunkIndex & {
  listDocuments(): Promise<DocumentSummary[]>;
  listCards(filter?: CardFilter): Promise<CardSummary[]>;
  getCard(id: string): Promise<StoredCard | undefined>;
  /** Every stored parsed document (for audits and matching across years). */
  allDocuments(): Promise<ParsedDocument[]>;
  /** Content hash and embedder of a stored document, to decide whether an ingest changes anything. */
  documentVersion(id: string): Promise<{ contentHash: string; embedder: string } | undefined>;
  /** Stores a document with its chunks, vectors and raw source text, replacing its earlier rows in one step each. */
  replaceDocument(parsed: ParsedDocument, chunks: readonly Chunk[], vectors: readonly number[][], indexKey: string, sourceText: string): Promise<void>;
  /** Builds or refreshes the full-text and vector indexes; call once after a batch of replaceDocument. */
  refreshIndexes(): Promise<void>;
  /** The raw source text of a stored document (spans point into it). */
  sourceText(documentId: string): Promise<string | undefined>;
  /** The index key (embedder and corpus model version) the stored rows were made with, if any. */
  storedEmbedder(): Promise<string | undefined>;
  /** Drops every stored row (used when the embedder changes and vectors must be rebuilt). */
  clear(): Promise<void>;
};

/** Summary row for a card. */
export function summarizeCard(card: Card, document: CorpusDocument): CardSummary {
  return {
    id: card.id,
    documentId: document.id,
    documentTitle: document.title,
    number: card.number ?? null,
    title: card.title,
    year: document.year,
    kind: document.kind,
    decision: card.decision,
    flags: card.flags,
    figureCount: card.figures.length,
  };
}

/** The documents' card summaries that pass the filter, ordered by year, document and id. */
export function listCardSummaries(documents: Iterable<ParsedDocument>, filter: CardFilter = {}): CardSummary[] {
  const cards: CardSummary[] = [];
  for (const parsed of documents) {
    if (filter.year !== undefined && parsed.document.year !== filter.year) continue;
    if (filter.kind !== undefined && parsed.document.kind !== filter.kind) continue;
    for (const card of parsed.cards) {
      if (filter.decision !== undefined && card.decision !== filter.decision) continue;
      cards.push(summarizeCard(card, parsed.document));
    }
  }
  return cards.sort((left, right) => left.year - right.year || left.documentId.localeCompare(right.documentId) || left.id.localeCompare(right.id));
}

/** A card with its document and its tables, or undefined. */
export function findStoredCard(documents: Iterable<ParsedDocument>, id: string): StoredCard | undefined {
  for (const parsed of documents) {
    const card = parsed.cards.find((candidate) => candidate.id === id);
    if (card !== undefined) return { card, document: parsed.document, tables: parsed.tables.filter((table) => table.cardId === id) };
  }
  return undefined;
}
