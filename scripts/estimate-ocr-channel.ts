/**
 * Estimates the OCR repair's noisy channel from the corpus itself and writes
 * src/corpus/ocr-channel.json: for every damaged word of the 2026 annex's raw OCR text (a word the
 * Danish lexicon lacks), the nearest lexicon word under the current channel is taken as its truth
 * when it is clearly nearer than the next one (a pair the lexicon confirms); the character
 * readings of those pairs are counted, and each reading's cost becomes the negative log of its
 * share of the raw glyph sequence's occurrences. Starts from flat costs and repeats three times.
 *
 * It also counts the words and word pairs of a reference text, the prior and the context of the
 * repair: the typed budget notes of the corpus.
 * The typed annexes of 2023 and 2024 are not read: they are where the repair is checked to change
 * nothing. The frozen test cards (tests/fixtures/ocr-frozen) are left out of all counts. No hand
 * correction is read.
 *
 *   node --import tsx scripts/estimate-ocr-channel.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDanishLexicon } from "../src/corpus/danish-lexicon.ts";
import {
  alignChannel,
  type ChannelModel,
  opKey,
  searchChannel,
} from "../src/corpus/ocr-channel.ts";
import {
  CHANNEL_FILE_NAME,
  channelFromEstimate,
  type ChannelEstimate,
} from "../src/corpus/ocr-channel-data.ts";

const SOURCE = "corpus/bilag-2026-udloebende-bevillinger.txt";
const REFERENCE = [
  "corpus/budgetnotat-2023-bi07-udsatte-unge.txt",
  "corpus/budgetnotat-2025-bi26-ungeindsats.txt",
];
const FROZEN = [7, 8, 12, 15, 18, 22];
const ITERATIONS = 3;
/** A pair is confirmed when the best word is at least this much cheaper than the second. */
const MARGIN = 1.0;
const SMOOTHING = 0.1;
/** Highest cost any reading gets, also the cost of unseen readings. */
const CEILING = 6;

const root = fileURLToPath(new URL("../", import.meta.url));
const text = readFileSync(`${root}${SOURCE}`, "utf8");
const lexicon = await loadDanishLexicon();
const graph = lexicon.graph;
if (graph === undefined) throw new Error("The lexicon has no word graph.");

// Leave out the frozen cards: from a card's page header to the next page header.
const pages = text.split(/(?=^K\S{1,3}benhavns\s+Kommune\s*$)/mu);
const kept = pages.filter((page) => {
  const number = /^\s*N[rt]\s*\.?\s*(\d{1,2})\s*$/mu.exec(page)?.[1];
  return number === undefined || !FROZEN.includes(Number(number));
});
const tokens = [...kept.join("").matchAll(/[\p{L}@&é]+/gu)].map((match) => match[0]);

const frequency = new Map<string, number>();
for (const token of tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
const spanOccurrences = new Map<string, number>();
let characters = 0;
for (const [token, count] of frequency) {
  const lower = token.toLowerCase();
  characters += lower.length * count;
  for (let start = 0; start < lower.length; start++)
    for (let span = 1; span <= 3 && start + span <= lower.length; span++) {
      const piece = lower.slice(start, start + span);
      spanOccurrences.set(piece, (spanOccurrences.get(piece) ?? 0) + count);
    }
}
const damaged = [...frequency.keys()].filter(
  (token) => token.length >= 3 && !/^[\p{Lu}@]+s?$/u.test(token) && !lexicon.isWord(token),
);

// Reference counts: words and adjacent word pairs (lower case) of the typed budget notes. (The
// raw 2026 text is no reference: OCR damage there often leaves a valid but wrong word, "formalet".)
const unigrams = new Map<string, number>();
const bigrams = new Map<string, number>();
const countText = (body: string, accept: (word: string) => boolean) => {
  for (const line of body.split(/(?<=[.!?:;])\s+|\n\s*\n/u)) {
    const words = [...line.matchAll(/[\p{L}]+/gu)].map((match) => match[0]);
    words.forEach((word, index) => {
      if (!accept(word)) return;
      const lower = word.toLowerCase();
      unigrams.set(lower, (unigrams.get(lower) ?? 0) + 1);
      const next = words[index + 1];
      if (next !== undefined && accept(next)) {
        const pair = `${lower} ${next.toLowerCase()}`;
        bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
      }
    });
  }
};
for (const file of REFERENCE) countText(readFileSync(`${root}${file}`, "utf8"), () => true);

let model: ChannelModel = { ops: {}, substitute: 2.5, insert: 2.5, delete: 2.5, split: 2.5 };
let estimate: ChannelEstimate | undefined;
for (let iteration = 1; iteration <= ITERATIONS; iteration++) {
  const counts = new Map<string, { from: string; to: string; count: number }>();
  let pairs = 0;
  for (const token of damaged) {
    const candidates = searchChannel(token, graph, model, iteration === 1 ? 5 : 8, 2);
    const [best, second] = candidates;
    if (best === undefined) continue;
    if (second !== undefined && second.cost - best.cost < MARGIN) continue;
    pairs++;
    const weight = frequency.get(token) ?? 1;
    for (const op of alignChannel(token, best.word, model).ops) {
      const key = opKey(op.from, op.to);
      const entry = counts.get(key) ?? { ...op, count: 0 };
      entry.count += weight;
      counts.set(key, entry);
    }
  }
  const ops = [...counts.values()]
    .map(({ from, to, count }) => {
      const base = from === "" ? characters : (spanOccurrences.get(from) ?? 0);
      const cost = -Math.log((count + SMOOTHING) / (base + 1));
      return { from, to, count, cost: Math.min(CEILING, Math.max(0.05, Number(cost.toFixed(3)))) };
    })
    .filter((op) => op.cost < CEILING)
    .sort((a, b) => a.cost - b.cost || a.from.localeCompare(b.from));
  estimate = {
    source: SOURCE,
    excludedCards: FROZEN,
    damagedWords: damaged.length,
    confirmedPairs: pairs,
    defaults: { substitute: CEILING, insert: CEILING, delete: CEILING, split: CEILING + 0.5 },
    ops: ops.map(({ from, to, cost, count }) => [from, to, cost, count]),
    reference: REFERENCE,
    unigrams: Object.fromEntries([...unigrams].sort(([a], [b]) => (a < b ? -1 : 1))),
    bigrams: Object.fromEntries(
      [...bigrams].filter(([, count]) => count >= 1).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  };
  model = channelFromEstimate(estimate);
  console.log(
    `iteration ${iteration}: ${pairs} confirmed pairs of ${damaged.length} damaged words, ${ops.length} readings`,
  );
}
writeFileSync(`${root}src/corpus/${CHANNEL_FILE_NAME}`, `${JSON.stringify(estimate, null, 1)}\n`);
console.log(
  (estimate?.ops ?? [])
    .slice(0, 40)
    .map(([from, to, cost, count]) => `${from || "∅"}→${to || "∅"} ${cost} (${count})`)
    .join(", "),
);
