import type { CorpusDocument } from "../../src/domain/index.ts";

/** The bundled corpus folder. */
export const CORPUS = new URL("../../corpus/", import.meta.url);

/** The metadata of the 2026 annex of expiring appropriations, read from `source`. */
export function annexDocument2026(source: string): CorpusDocument {
  return {
    id: "bilag-2026",
    kind: "annex",
    year: 2026,
    budgetYear: 2027,
    title: "Bevillinger, der udløber efter 2026",
    source,
    contentHash: "0".repeat(64),
    layout: "annex-cards-ocr",
  };
}
