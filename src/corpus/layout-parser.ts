/** The contract every layout parser meets: raw source in, cards and tables with raw spans out. */
import type { BudgetTable, Card, CorpusDocument } from "../domain/index.ts";

/** What a layout parser returns. Cards come with `figures: []`; the ingest pipeline extracts figures. */
export type LayoutParse = { cards: Card[]; tables: BudgetTable[] };

export type LayoutParser = {
  /** Layout name, as in corpus/manifest.json ("annex-cards-ocr", "annex-markdown", "annex-plain", "budget-note"). */
  readonly layout: string;
  /** A cheap test whether a raw text looks like this layout (for files without a manifest entry). */
  detect(source: string): boolean;
  /** Loads what the parser needs once (e.g. the Danish lexicon for OCR repair); called before parse. */
  prepare?(): Promise<void>;
  /** Parses the raw source. Throws a CorpusError when the text is not of this layout. */
  parse(source: string, document: CorpusDocument): LayoutParse;
};
