/** Cuts cards into searchable chunks: one per section, long sections split at paragraph or sentence ends. */
import type { Card, CorpusDocument } from "../domain/index.ts";
import { toRawSpan } from "../domain/index.ts";
import type { Chunk } from "../ports/corpus-store.ts";

const MAX_CHUNK_CHARS = 1_200;

function splitLong(text: string): Array<{ start: number; end: number }> {
  const pieces: Array<{ start: number; end: number }> = [];
  let start = 0;
  while (text.length - start > MAX_CHUNK_CHARS) {
    const window = text.slice(start, start + MAX_CHUNK_CHARS);
    const cut = Math.max(
      window.lastIndexOf("\n\n"),
      window.lastIndexOf(". "),
      window.lastIndexOf("\n"),
    );
    const end = cut > MAX_CHUNK_CHARS / 3 ? start + cut + 1 : start + MAX_CHUNK_CHARS;
    pieces.push({ start, end });
    start = end;
  }
  pieces.push({ start, end: text.length });
  return pieces.filter((piece) => text.slice(piece.start, piece.end).trim().length > 0);
}

export function chunkCards(document: CorpusDocument, cards: readonly Card[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const card of cards) {
    card.sections.forEach((section, sectionIndex) => {
      splitLong(section.text).forEach((piece, part) => {
        const quote = section.text.slice(piece.start, piece.end).trim();
        const leading = section.text.slice(piece.start, piece.end).search(/\S/);
        const span = toRawSpan(
          section.offsets,
          piece.start + Math.max(0, leading),
          piece.start + Math.max(0, leading) + quote.length,
        );
        chunks.push({
          id: `${card.id}:${sectionIndex}:${part}`,
          cardId: card.id,
          documentId: document.id,
          documentTitle: document.title,
          kind: document.kind,
          year: document.year,
          cardNumber: card.number ?? null,
          title: card.title,
          sectionKind: section.kind,
          heading: section.heading,
          decision: card.decision,
          quote,
          text: `${card.title}\n${section.heading}\n${quote}`,
          start: span.start,
          end: span.end,
        });
      });
    });
  }
  return chunks;
}
