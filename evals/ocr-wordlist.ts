/**
 * Measures OCR repair with a reader the repair never sees: Debian's Danish word list (`wdanish`,
 * /usr/share/dict/danish, about 313,000 words), with compound splitting.
 *
 * (b) Of every word in the repaired text of the 2026 cards (titles, headings and section texts as
 *     users read them), the share the word list does not know. A word is known when the list has
 *     it (any case), or when it splits into two to four parts the list has, joined directly or by
 *     a linking "s" or "e" ("kontanthjælps|målgruppen", "jobcamp|s|ene"); hyphenated words count
 *     part by part ("beskæftigelses-" is a suspended compound part). Not counted: numbers, single
 *     letters, abbreviations in capitals ("BIF", "SOSU", "ØKFs"), standard abbreviations
 *     (`ABBREVIATIONS`: "mio.", "jf.", "p/l"), and the names and administrative terms in `ACCEPTED`
 *     (real words the list lacks, checked by hand). A word whose stem is known, with a regular
 *     ending the list often lacks (passive or genitive -s, neuter -t, -e), is known. `ACCEPTED`
 *     and `ABBREVIATIONS` were written while looking at the 2026 text, so they make the figure an
 *     upper bound on how Danish the text reads; the unknown words are listed.
 * (c) The 2023 and 2024 annexes (typed text, no OCR): the repair must change nothing there.
 *
 * Run: node --import tsx evals/ocr-wordlist.ts [--dev]   (--dev leaves out the frozen test cards)
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDanishLexicon } from "../src/corpus/danish-lexicon.ts";
import { readDocument } from "../src/corpus/read-document.ts";
import { repairOcr } from "../src/corpus/repair-ocr.ts";
import type { Card } from "../src/domain/index.ts";

export const WORD_LIST_PATH = "/usr/share/dict/danish";
const CORPUS = new URL("../corpus/", import.meta.url);

/**
 * Real words Debian's list lacks, accepted by hand: place and organisation names of the corpus and
 * the administration's own terms. Not used by the repair (it reads only the Hunspell lexicon).
 */
export const ACCEPTED: ReadonlySet<string> = new Set<string>([
  // Names of programmes, places and organisations (and English words in them).
  "sabaah",
  "masterclass",
  "education",
  "outreach",
  "taskforce",
  // Terms of the employment administration, and "mer-" (additional) as a compound head.
  "fleksjob",
  "fleksjobbere",
  "fleksjobledige",
  "fleksjobledigheden",
  "mer",
  "tværsektoriel",
  "tværsektorielle",
  "kriminalitetstruede",
  "praktikker",
  // Ordinary words the list lacks ("by" is too short a compound part for the splitting).
  "bydækkende",
  "faciliterer",
  "optrappende",
  "sundhedsmæssig",
]);

/**
 * Standard Danish abbreviations, written with a full stop ("mio.", "jf.", "p/l"): not words of the
 * list, so not counted.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  "mio mia kr pct mhp ift evt nr pga vedr dvs ifm mv tidl pba pl fx ca inkl ekskl jf bl osv mm hhv ang iht vha".split(
    " ",
  ),
);

/** Regular inflection endings the list often lacks: passive or genitive -s, neuter -t, plural/definite -e. */
const ENDINGS = ["s", "t", "e"];

/** The 2026 cards whose hand corrections are the frozen test set (excluded with `--dev`). */
export const FROZEN_CARD_NUMBERS = [7, 8, 12, 15, 18, 22] as const;

export type WordListMeasure = {
  /** Words counted (see the module comment). */
  words: number;
  /** Counted words the list does not know, with or without compound splitting. */
  unknown: number;
  unknownShare: number;
  /** Each unknown word with how often it occurs and one card it occurs in. */
  unknownWords: Array<{ word: string; count: number; card: string }>;
  /** Cards measured. */
  cards: number;
};

let wordList: Set<string> | undefined;

function readWordList(): Set<string> {
  wordList ??= new Set(
    readFileSync(WORD_LIST_PATH, "utf8")
      .split("\n")
      .map((word) => word.trim().toLowerCase())
      .filter((word) => word.length > 0),
  );
  return wordList;
}

const LINKS = ["", "s", "e"];
/** Shortest part of a compound: shorter parts would make almost any string "known". */
const MIN_PART = 3;

/** True when `word` (lower case) is in the list or splits into up to four parts it has. */
export function knownToWordList(word: string, list: Set<string> = readWordList()): boolean {
  const lower = word.toLowerCase();
  if (list.has(lower) || ACCEPTED.has(lower)) return true;
  if (splits(lower, list, 4)) return true;
  return ENDINGS.some(
    (ending) =>
      lower.endsWith(ending) && lower.length > 4 && splits(lower.slice(0, -ending.length), list, 4),
  );
}

function splits(word: string, list: Set<string>, parts: number): boolean {
  if (list.has(word) || ACCEPTED.has(word)) return true;
  if (parts <= 1) return false;
  for (let end = MIN_PART; end <= word.length - MIN_PART; end++) {
    const head = word.slice(0, end);
    if (!list.has(head) && !ACCEPTED.has(head)) continue;
    for (const link of LINKS) {
      if (!word.startsWith(link, end)) continue;
      const tail = word.slice(end + link.length);
      if (tail.length >= MIN_PART && splits(tail, list, parts - 1)) return true;
    }
  }
  return false;
}

/** The words of a text that the measure counts. */
export function countedWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text
    .replace(/\bp\/[lL]\b/gu, " ")
    .matchAll(/[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*-?/gu)) {
    for (let part of match[0].split("-")) {
      if (part.length < 2) continue;
      if (ABBREVIATIONS.has(part.toLowerCase())) continue;
      if (/^[\p{Lu}]+s?$/u.test(part) && /\p{Lu}{2}/u.test(part)) continue;
      if (match[0].endsWith(`${part}-`) && part.endsWith("s")) part = part.slice(0, -1);
      words.push(part);
    }
  }
  return words;
}

/** The text of a card as users read it: title and every section's heading and text. */
export function cardText(card: Card): string {
  return [card.title, ...card.sections.flatMap((section) => [section.heading, section.text])].join(
    "\n",
  );
}

/** (b): the share of words in the repaired 2026 cards that the word list does not know. */
export async function measureWordList(
  options: { excludeFrozen?: boolean } = {},
): Promise<WordListMeasure> {
  await loadDanishLexicon();
  const list = readWordList();
  const name = "bilag-2026-udloebende-bevillinger.txt";
  const parsed = await readDocument(name, readFileSync(new URL(name, CORPUS)), {
    id: "bilag-2026",
    kind: "annex",
    year: 2026,
    budgetYear: 2027,
    title: "Bilag 2026",
  });
  const frozen = new Set<number>(FROZEN_CARD_NUMBERS);
  const cards = parsed.cards.filter(
    (card) =>
      !(options.excludeFrozen === true && card.number !== undefined && frozen.has(card.number)),
  );
  const unknown = new Map<string, { count: number; card: string }>();
  let words = 0;
  let unknownCount = 0;
  for (const card of cards) {
    for (const word of countedWords(cardText(card))) {
      words++;
      if (knownToWordList(word, list)) continue;
      unknownCount++;
      const entry = unknown.get(word) ?? { count: 0, card: card.id };
      entry.count++;
      unknown.set(word, entry);
    }
  }
  return {
    words,
    unknown: unknownCount,
    unknownShare: words === 0 ? 0 : unknownCount / words,
    unknownWords: [...unknown]
      .map(([word, entry]) => ({ word, ...entry }))
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, "da")),
    cards: cards.length,
  };
}

export type CleanTextMeasure = {
  file: string;
  words: number;
  /** Every change the repair made (it should make none). */
  changes: Array<{ from: string; to: string; offset: number }>;
};

/** (c): the repair on typed annexes (no OCR) must change nothing. */
export async function measureCleanAnnexes(
  files: readonly string[] = [
    "bilag-2023-udloebende-bevillinger.txt",
    "bilag-2024-udloebende-bevillinger.txt",
  ],
): Promise<CleanTextMeasure[]> {
  await loadDanishLexicon();
  return files.map((file) => {
    const text = readFileSync(new URL(file, CORPUS), "utf8");
    const repair = repairOcr(text);
    return {
      file,
      words: text.split(/\s+/).filter((word) => word.length > 0).length,
      changes: repair.changes.map((change) => ({
        from: change.from,
        to: change.to,
        offset: change.start,
      })),
    };
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dev = process.argv.includes("--dev");
  const measure = await measureWordList({ excludeFrozen: dev });
  console.log(
    `(b) ${dev ? "dev view (frozen cards left out)" : "all 2026 cards"}: ${measure.cards} cards, ` +
      `${measure.unknown} / ${measure.words} words unknown to wdanish = ` +
      `${(measure.unknownShare * 100).toFixed(2)} % (target ≤ 0,3 %)`,
  );
  console.log(
    measure.unknownWords
      .map((entry) => `${entry.word}${entry.count > 1 ? ` ×${entry.count}` : ""} (${entry.card})`)
      .join(", "),
  );
  for (const clean of await measureCleanAnnexes()) {
    console.log(`(c) ${clean.file}: ${clean.changes.length} changes in ${clean.words} words`);
    for (const change of clean.changes)
      console.log(`    ${change.offset}: ${change.from} → ${change.to}`);
  }
}
