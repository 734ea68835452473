/** Card listing and lookup over parsed documents, shared by the corpus stores (the port is src/ports/corpus-store.ts). */
import type { Card, CorpusDocument, ParsedDocument } from "../domain/index.ts";
import type { CardFilter, CardSummary, StoredCard } from "../ports/corpus-store.ts";

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
