/** Ports of the retrieval layer: an embedder and a chunk index. Implementations live elsewhere. */
import type { Decision, DocumentKind, SectionKind } from "../domain/index.ts";

/** Turns texts into vectors of a fixed dimension. */
export type Embedder = {
  readonly provider: string;
  readonly modelId: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
};

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
