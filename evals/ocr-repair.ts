/**
 * Measures OCR repair of Danish letters against hand-corrected cards of the 2026 annex
 * (<card>.raw.txt and <card>.corrected.txt, aligned word for word per line), on three sets:
 *
 * - tuning: tests/fixtures/ocr/ (Nr. 2, 4, 9), the cards the repair was tuned on, so its figure
 *   is a training-set figure;
 * - held-out: tests/fixtures/ocr-heldout/ (Nr. 14, 21, 26), whole one-column cards (header line
 *   to the next card's header) corrected by hand without looking at the repair's output; its
 *   misses were later worked on, so it is no longer a clean held-out measure;
 * - fresh: tests/fixtures/ocr-fresh/ (Nr. 6, 16, 23), whole one-column cards corrected by hand
 *   before the repair was ever run on them; its misses were seen while building the noisy channel,
 *   so it is a development set now;
 * - frozen: tests/fixtures/ocr-frozen/ (Nr. 7, 8, 12, 15, 18, 22), whole one-column cards with
 *   every OCR error corrected by hand, committed (hashes in FROZEN.md) before the noisy channel
 *   was written and never tuned on: the test figure.
 *
 * Raw and corrected files have the same lines; words are aligned per line, so a corrected line may
 * split a raw word ("paservice" → "på service"). A raw word is damaged when the alignment changes
 * it; it is restored when the repair's changes inside it give the corrected words.
 *
 * Run: node --import tsx evals/ocr-repair.ts
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDanishLexicon } from "../src/corpus/danish-lexicon.ts";
import { repairOcr } from "../src/corpus/repair-ocr.ts";

const FIXTURES = fileURLToPath(new URL("../tests/fixtures/ocr/", import.meta.url));
const HELD_OUT_FIXTURES = fileURLToPath(new URL("../tests/fixtures/ocr-heldout/", import.meta.url));
const FRESH_FIXTURES = fileURLToPath(new URL("../tests/fixtures/ocr-fresh/", import.meta.url));
const FROZEN_FIXTURES = fileURLToPath(new URL("../tests/fixtures/ocr-frozen/", import.meta.url));

/** The fixture sets: folder of `<card>.raw.txt` / `<card>.corrected.txt` pairs. */
export const OCR_FIXTURE_SETS = {
  /** Nr. 2, 4, 9: used while tuning the repair (training-set figure). */
  tuning: FIXTURES,
  /** Nr. 14, 21, 26: not used in tuning (held-out figure). */
  heldOut: HELD_OUT_FIXTURES,
  /** Nr. 6, 16, 23: clean held-out until the noisy channel was built; a development set since. */
  fresh: FRESH_FIXTURES,
  /**
   * Nr. 7, 8, 12, 15, 18, 22: corrected by hand (every OCR error, not only æ/ø/å) and committed
   * before the noisy channel was written; never tuned on. The test set.
   */
  frozen: FROZEN_FIXTURES,
} as const;
export type OcrFixtureSet = keyof typeof OCR_FIXTURE_SETS;

/** One word the repair got wrong: damaged and not restored, or correct and changed. */
export type OcrRepairMiss = {
  card: string;
  line: number;
  raw: string;
  expected: string;
  repaired: string;
};

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

/**
 * Repairs every card of a fixture set (default: the tuning set) and compares the result with the
 * hand correction, word by word. `set` is a set name or a folder path ending in "/".
 */
export async function measureOcrRepair(
  set: OcrFixtureSet | string = "tuning",
): Promise<OcrRepairMeasure> {
  const folder = Object.hasOwn(OCR_FIXTURE_SETS, set)
    ? OCR_FIXTURE_SETS[set as OcrFixtureSet]
    : set.endsWith("/")
      ? set
      : `${set}/`;
  const loadStart = performance.now();
  await loadDanishLexicon();
  const lexiconLoadMs = performance.now() - loadStart;
  const cards = readdirSync(folder)
    .filter((name) => name.endsWith(".raw.txt"))
    .map((name) => name.slice(0, -".raw.txt".length))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const measure: OcrRepairMeasure = {
    cards,
    damaged: 0,
    restored: 0,
    restoredShare: 0,
    correct: 0,
    changed: 0,
    changedShare: 0,
    misses: [],
    lexiconLoadMs,
  };
  for (const card of cards) {
    const raw = readFileSync(`${folder}${card}.raw.txt`, "utf8");
    const corrected = readFileSync(`${folder}${card}.corrected.txt`, "utf8");
    const repair = repairOcr(raw);
    const rawLines = raw.trimEnd().split("\n");
    const correctedLines = corrected.trimEnd().split("\n");
    if (rawLines.length !== correctedLines.length)
      throw new Error(`${card}: ${rawLines.length} raw lines, ${correctedLines.length} corrected`);
    let lineStart = 0;
    rawLines.forEach((rawLine, index) => {
      const rawWords = [...rawLine.matchAll(/\S+/g)].map((match) => ({
        text: match[0],
        start: lineStart + match.index,
        end: lineStart + match.index + match[0].length,
      }));
      lineStart += rawLine.length + 1;
      const repairedWords = rawWords.map((word) =>
        repairedSlice(raw, repair.changes, word.start, word.end),
      );
      const expectedWords = words(correctedLines[index] ?? "");
      for (const hunk of alignWords(
        rawWords.map((word) => word.text),
        expectedWords,
      )) {
        const got = repairedWords.slice(hunk.rawStart, hunk.rawEnd).join(" ");
        const expected = expectedWords.slice(hunk.expectedStart, hunk.expectedEnd).join(" ");
        const rawText = rawWords
          .slice(hunk.rawStart, hunk.rawEnd)
          .map((word) => word.text)
          .join(" ");
        const size = Math.max(1, hunk.rawEnd - hunk.rawStart);
        if (hunk.equal) {
          rawWords.slice(hunk.rawStart, hunk.rawEnd).forEach((word, offset) => {
            measure.correct++;
            const repaired = repairedWords[hunk.rawStart + offset] ?? "";
            if (repaired !== word.text) {
              measure.changed++;
              measure.misses.push({
                card,
                line: index + 1,
                raw: word.text,
                expected: word.text,
                repaired,
              });
            }
          });
        } else {
          measure.damaged += size;
          if (got.split(/\s+/).join(" ") === expected) measure.restored += size;
          else
            measure.misses.push({ card, line: index + 1, raw: rawText, expected, repaired: got });
        }
      }
    });
  }
  measure.restoredShare = measure.damaged === 0 ? 1 : measure.restored / measure.damaged;
  measure.changedShare = measure.correct === 0 ? 0 : measure.changed / measure.correct;
  return measure;
}

/**
 * sha256 of a fixture set's canonical JSON: `[{ card, raw, corrected }]` sorted by card, so the
 * eval can show that the test set is the one frozen before tuning.
 */
export function fixtureSetHash(set: OcrFixtureSet): string {
  const folder = OCR_FIXTURE_SETS[set];
  const cards = readdirSync(folder)
    .filter((name) => name.endsWith(".raw.txt"))
    .map((name) => name.slice(0, -".raw.txt".length))
    .sort();
  const canonical = JSON.stringify(
    cards.map((card) => ({
      card,
      raw: readFileSync(`${folder}${card}.raw.txt`, "utf8"),
      corrected: readFileSync(`${folder}${card}.corrected.txt`, "utf8"),
    })),
  );
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * The held-out set (Nr. 14, 21, 26): kept out of the first tuning, but measured, its misses read
 * and its corrections amended (Nr. 26 "vil der") while the repair was developed further, so it is
 * a development set; the frozen set is the test set.
 */
export function measureOcrRepairHeldOut(): Promise<OcrRepairMeasure> {
  return measureOcrRepair("heldOut");
}

/** The fresh set (Nr. 6, 16, 23), corrected before the repair was run on it. */
export function measureOcrRepairFresh(): Promise<OcrRepairMeasure> {
  return measureOcrRepair("fresh");
}

/** The repaired text of raw `[start, end)`: the raw text with the repair's changes inside it applied. */
function repairedSlice(
  raw: string,
  changes: ReadonlyArray<{ start: number; end: number; to: string }>,
  start: number,
  end: number,
): string {
  let text = "";
  let cursor = start;
  for (const change of changes) {
    if (change.end <= start || change.start >= end) continue;
    text += raw.slice(cursor, Math.max(cursor, change.start)) + change.to;
    cursor = Math.max(cursor, change.end);
  }
  return (text + raw.slice(cursor, end)).trim();
}

type Hunk = {
  equal: boolean;
  rawStart: number;
  rawEnd: number;
  expectedStart: number;
  expectedEnd: number;
};

/**
 * Aligns raw words with corrected words (longest common subsequence): runs of equal words, and
 * hunks where raw words were corrected (a word split in two, two joined, or one replaced).
 */
export function alignWords(raw: readonly string[], expected: readonly string[]): Hunk[] {
  const rows = raw.length + 1;
  const columns = expected.length + 1;
  const table = new Int32Array(rows * columns);
  for (let i = raw.length - 1; i >= 0; i--)
    for (let j = expected.length - 1; j >= 0; j--)
      table[i * columns + j] =
        raw[i] === expected[j]
          ? (table[(i + 1) * columns + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * columns + j] ?? 0, table[i * columns + j + 1] ?? 0);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  const close = () => {
    if (open !== undefined) hunks.push(open);
    open = undefined;
  };
  while (i < raw.length || j < expected.length) {
    if (i < raw.length && j < expected.length && raw[i] === expected[j]) {
      close();
      hunks.push({ equal: true, rawStart: i, rawEnd: i + 1, expectedStart: j, expectedEnd: j + 1 });
      i++;
      j++;
      continue;
    }
    open ??= { equal: false, rawStart: i, rawEnd: i, expectedStart: j, expectedEnd: j };
    if (
      j >= expected.length ||
      (i < raw.length && (table[(i + 1) * columns + j] ?? 0) >= (table[i * columns + j + 1] ?? 0))
    ) {
      i++;
      open.rawEnd = i;
    } else {
      j++;
      open.expectedEnd = j;
    }
  }
  close();
  return hunks;
}

function words(line: string): string[] {
  return line.split(/\s+/).filter((word) => word.length > 0);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sets = [
    ["tuning", await measureOcrRepair("tuning")],
    ["held-out", await measureOcrRepair("heldOut")],
    ["fresh", await measureOcrRepair("fresh")],
    ["frozen test", await measureOcrRepair("frozen")],
  ] as const;
  console.log(`frozen test set sha256 ${fixtureSetHash("frozen")}`);
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  const named = sets.map(
    ([label, measure]) => [`${label} (${measure.cards.join(", ")})`, measure] as const,
  );
  const row = (cell: (measure: OcrRepairMeasure) => string, target: string) => ({
    ...Object.fromEntries(named.map(([name, measure]) => [name, cell(measure)])),
    target,
  });
  console.log(
    `OCR repair, development sets (tuning, held-out, fresh) and the frozen test set (lexicon loaded in ${(sets[0][1].lexiconLoadMs).toFixed(0)} ms)`,
  );
  console.table({
    "damaged words restored": row(
      (m) => `${m.restored} / ${m.damaged} = ${percent(m.restoredShare)}`,
      "≥ 98 % (frozen)",
    ),
    "correct words changed": row(
      (m) => `${m.changed} / ${m.correct} = ${percent(m.changedShare)}`,
      "≤ 0.2 % (frozen)",
    ),
    misses: row((m) => `${m.misses.length}`, ""),
  });
  for (const [name, measure] of named) {
    console.log(`Misses, ${name}: ${measure.misses.length} (raw → repaired, expected)`);
    for (const miss of measure.misses) {
      const kind = miss.raw === miss.expected ? "changed" : "not restored";
      console.log(
        `  ${miss.card}:${miss.line}  ${miss.raw} → ${miss.repaired}  (expected ${miss.expected}; ${kind})`,
      );
    }
  }
}
