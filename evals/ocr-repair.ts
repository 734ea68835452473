/**
 * Measures OCR repair of Danish letters against hand-corrected cards of the 2026 annex
 * (tests/fixtures/ocr/<card>.raw.txt and <card>.corrected.txt, aligned word for word per line).
 *
 * Run: node --import tsx evals/ocr-repair.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDanishLexicon } from "../src/corpus/danish-lexicon.ts";
import { repairOcr } from "../src/corpus/repair-ocr.ts";

const FIXTURES = fileURLToPath(new URL("../tests/fixtures/ocr/", import.meta.url));

/** One word the repair got wrong: damaged and not restored, or correct and changed. */
export type OcrRepairMiss = { card: string; line: number; raw: string; expected: string; repaired: string };

export type OcrRepairMeasure = {
  cards: string[];
  /** Words where raw ≠ corrected. */
  damaged: number;
  /** Damaged words the repair turned into the corrected word. */
  restored: number;
  /** restored / damaged. */
  restoredShare: number;
  /** Words where raw = corrected. */
  correct: number;
  /** Correct words the repair changed. */
  changed: number;
  /** changed / correct. */
  changedShare: number;
  misses: OcrRepairMiss[];
  /** Milliseconds to load the Danish lexicon (0 when it was already loaded). */
  lexiconLoadMs: number;
};

/** Repairs every fixture card and compares the result with the hand correction, word by word. */
export async function measureOcrRepair(): Promise<OcrRepairMeasure> {
  const loadStart = performance.now();
  await loadDanishLexicon();
  const lexiconLoadMs = performance.now() - loadStart;
  const cards = readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".raw.txt"))
    .map((name) => name.slice(0, -".raw.txt".length))
    .sort();
  const measure: OcrRepairMeasure = { cards, damaged: 0, restored: 0, restoredShare: 0, correct: 0, changed: 0, changedShare: 0, misses: [], lexiconLoadMs };
  for (const card of cards) {
    const raw = readFileSync(`${FIXTURES}${card}.raw.txt`, "utf8");
    const corrected = readFileSync(`${FIXTURES}${card}.corrected.txt`, "utf8");
    const repaired = repairOcr(raw).text;
    const rawLines = raw.trimEnd().split("\n");
    const correctedLines = corrected.trimEnd().split("\n");
    const repairedLines = repaired.trimEnd().split("\n");
    if (rawLines.length !== correctedLines.length) throw new Error(`${card}: ${rawLines.length} raw lines, ${correctedLines.length} corrected`);
    rawLines.forEach((rawLine, index) => {
      const rawWords = words(rawLine);
      const expectedWords = words(correctedLines[index] ?? "");
      const repairedWords = words(repairedLines[index] ?? "");
      if (rawWords.length !== expectedWords.length || rawWords.length !== repairedWords.length) {
        throw new Error(`${card} line ${index + 1}: word counts differ (${rawWords.length}/${expectedWords.length}/${repairedWords.length})`);
      }
      rawWords.forEach((rawWord, position) => {
        const expected = expectedWords[position] ?? "";
        const got = repairedWords[position] ?? "";
        if (rawWord !== expected) {
          measure.damaged++;
          if (got === expected) measure.restored++;
          else measure.misses.push({ card, line: index + 1, raw: rawWord, expected, repaired: got });
        } else {
          measure.correct++;
          if (got !== expected) {
            measure.changed++;
            measure.misses.push({ card, line: index + 1, raw: rawWord, expected, repaired: got });
          }
        }
      });
    });
  }
  measure.restoredShare = measure.damaged === 0 ? 1 : measure.restored / measure.damaged;
  measure.changedShare = measure.correct === 0 ? 0 : measure.changed / measure.correct;
  return measure;
}

function words(line: string): string[] {
  return line.split(/\s+/).filter((word) => word.length > 0);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const measure = await measureOcrRepair();
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  console.log(`OCR repair over ${measure.cards.join(", ")} (lexicon loaded in ${measure.lexiconLoadMs.toFixed(0)} ms)`);
  console.table({
    "damaged words restored": { count: `${measure.restored} / ${measure.damaged}`, share: percent(measure.restoredShare), target: "≥ 95 %" },
    "correct words changed": { count: `${measure.changed} / ${measure.correct}`, share: percent(measure.changedShare), target: "≤ 0.5 %" },
  });
  if (measure.misses.length > 0) {
    console.log("Misses (raw → repaired, expected):");
    for (const miss of measure.misses) console.log(`  ${miss.card}:${miss.line}  ${miss.raw} → ${miss.repaired}  (expected ${miss.expected})`);
  }
}
