/**
 * ocr: the OCR repair measured three ways.
 * (a) The frozen test set (Nr. 7, 8, 12, 15, 18, 22; hand-corrected and committed before the noisy
 *     channel was written, never tuned on; its hash is checked), beside the development sets.
 * (b) Debian's word list (wdanish), a reader the repair never sees, over the repaired 2026 cards.
 * (c) The typed 2023 and 2024 annexes: the repair must change nothing.
 */
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { fixtureSetHash, measureOcrRepair, type OcrFixtureSet } from "../ocr-repair.ts";
import { measureCleanAnnexes, measureWordList } from "../ocr-wordlist.ts";
import type { CaseResult, Suite } from "./types.ts";

/** sha256 of the frozen test set's canonical JSON, recorded when it was committed (a25b01c). */
export const FROZEN_SET_SHA256 = "a190500061fb9cb4ae1068f0a223a2da853797eedaa9de020f9eb23095bfe8cb";

const SETS: Array<{ set: OcrFixtureSet; label: string }> = [
  { set: "frozen", label: "frozen test set (never tuned on)" },
  { set: "fresh", label: "fresh (development since the channel)" },
  { set: "heldOut", label: "held-out (development)" },
  { set: "tuning", label: "tuning (development)" },
];

export const ocrSuite: Suite = {
  name: "ocr",
  description:
    "OCR repair: the frozen hand-corrected test set, the development sets, Debian's word list over the repaired 2026 cards, and the typed annexes it must leave alone.",
  async run(context) {
    const metrics: Record<string, number> = {};
    const cases: CaseResult[] = [];
    const loadStart = performance.now();
    await loadDanishLexicon();
    metrics["lexicon.loadMs"] = performance.now() - loadStart;
    const chosen = context.quick
      ? SETS.filter((entry) => entry.set === "frozen" || entry.set === "fresh")
      : SETS;
    const hash = fixtureSetHash("frozen");
    metrics["frozen.hashMatches"] = hash === FROZEN_SET_SHA256 ? 1 : 0;
    for (const { set, label } of chosen) {
      const measure = await measureOcrRepair(set);
      metrics[`${set}.restored`] = measure.restoredShare;
      metrics[`${set}.changed`] = measure.changedShare;
      metrics[`${set}.damagedWords`] = measure.damaged;
      metrics[`${set}.correctWords`] = measure.correct;
      metrics[`${set}.misses`] = measure.misses.length;
      for (const card of measure.cards) {
        const misses = measure.misses.filter((miss) => miss.card === card);
        cases.push({
          id: `${set}:${card}`,
          ok: misses.length === 0,
          summary: `${label} ${card}: ${misses.length} misses`,
          details: {
            set,
            card,
            misses: misses.map((miss) => ({
              line: miss.line,
              raw: miss.raw,
              repaired: miss.repaired,
              expected: miss.expected,
              kind: miss.raw === miss.expected ? "changed" : "not restored",
            })),
          },
        });
      }
    }

    const wordList = await measureWordList();
    metrics["wordlist.words"] = wordList.words;
    metrics["wordlist.unknown"] = wordList.unknown;
    metrics["wordlist.unknownShare"] = wordList.unknownShare;
    cases.push({
      id: "wordlist:2026",
      ok: wordList.unknownShare <= 0.003,
      summary: `wdanish with compound splitting: ${wordList.unknown} of ${wordList.words} words in the repaired 2026 cards unknown`,
      details: { unknownWords: wordList.unknownWords },
    });

    let cleanChanges = 0;
    for (const clean of await measureCleanAnnexes()) {
      cleanChanges += clean.changes.length;
      cases.push({
        id: `clean:${clean.file}`,
        ok: clean.changes.length === 0,
        summary: `${clean.file}: ${clean.changes.length} changes in ${clean.words} words of typed text`,
        details: { changes: clean.changes },
      });
    }
    metrics["clean.changes"] = cleanChanges;

    return {
      metrics,
      cases,
      charts: [
        {
          kind: "bar",
          id: "ocr-restored",
          title: "Damaged words restored, per set",
          unit: "share",
          bars: chosen.map(({ set, label }) => ({ label, value: metrics[`${set}.restored`] ?? 0 })),
        },
      ],
      notes: [
        `Frozen test set sha256 ${hash} (${hash === FROZEN_SET_SHA256 ? "the one committed before tuning" : "CHANGED since it was frozen: the figure is no longer a test figure"}).`,
        "The word-list figure counts the accepted names and terms and the abbreviation list in evals/ocr-wordlist.ts as known; both were written while looking at the 2026 text.",
        `Unknown to wdanish: ${wordList.unknownWords.map((entry) => `${entry.word}${entry.count > 1 ? ` ×${entry.count}` : ""}`).join(", ")}.`,
      ],
    };
  },
};
