/**
 * Picks, inside a card, the sentences that carry the kind of fact a question asks for: a count
 * ("I alt 5.175 møder i 2024"), money, a result, a target, a period, a recipient or partner, or
 * what changed. Each sentence is read with the one money grammar (`extractFigures`), which tells
 * money from counts, percentages and dates; the sentence's section, its words shared with the
 * question (beyond the card's title) and the years the question names weigh in. The figure that
 * carries the fact is returned too, so an answer can highlight it in its quote.
 *
 * Budget notes: the cells of their tables (totals, per-year columns, model variants) are read by
 * `selectTableFacts`.
 */
import type { BudgetTable, Card, SectionKind, TableRow } from "../domain/index.ts";
import { extractFigures, formatDanishNumber, type TextFigure } from "../money/index.ts";
import { foldDanish, tokenizeDanish } from "../retrieval/danish-text.ts";
import type { AskedKind, ReadQuestion } from "./read-question.ts";
import { sectionSentences, type QuotedSentence } from "./timeline.ts";

/** A quoted sentence longer than this (a flattened table) is not a fact sentence. */
const MAX_FACT_LENGTH = 400;
/** Least score a sentence needs to count as stating the asked fact. */
const MIN_FACT_SCORE = 2;

export type FactSentence = QuotedSentence & {
  /** The figure or phrase in `text` that carries the asked fact ("5.175 møder"), for highlighting. */
  fact?: string;
  score: number;
};

type ReadSentence = QuotedSentence & {
  figures: TextFigure[];
  folded: string;
  tokens: Set<string>;
  headingTokens: Set<string>;
};

const READ_SENTENCES = new WeakMap<Card, ReadSentence[]>();

/** Every quotable sentence of a card with its figures read (once per card object). */
function readSentences(card: Card): ReadSentence[] {
  const cached = READ_SENTENCES.get(card);
  if (cached !== undefined) return cached;
  const sentences: ReadSentence[] = [];
  for (const section of card.sections) {
    if (section.kind === "technical") continue;
    const headingTokens = new Set(tokenizeDanish(section.heading));
    for (const sentence of sectionSentences(section)) {
      if (sentence.text.length > MAX_FACT_LENGTH || sentence.text.length < 8) continue;
      sentences.push({
        ...sentence,
        figures: extractFigures(sentence.text),
        folded: foldDanish(sentence.text),
        tokens: new Set(tokenizeDanish(sentence.text)),
        headingTokens,
      });
    }
  }
  READ_SENTENCES.set(card, sentences);
  return sentences;
}

const MONEY_SECTIONS: readonly SectionKind[] = [
  "grant",
  "expiring_money",
  "proposed_money",
  "economy",
  "agreement_text",
  "previous_funding",
];
const RESULT_SECTIONS: readonly SectionKind[] = ["results", "expected_effect"];

/* Cue words, on folded text. */
const TARGET_CUES =
  /\b(?:maal\w*|maalsaetning\w*|succeskriteri\w*|krav\w*|forvent\w*|skal (?:sikre|bidrage|oege|nedbringe|reducere|hjaelpe)|sigte\w*|ambition\w*|min\.)/;
const RESULT_CUES =
  /\b(?:resultat\w*|effekt\w*|er kommet|kommet i|afsluttet|gaaet i|opnaae\w*|lykke\w*|evaluering\w*|viser|vist|deltag\w*|gennemfoert\w*|afholdt|nedbragt|reducer\w*|steget|faldet)/;
const PERIOD_CUES =
  /\b(?:periode\w*|udloeb\w*|udloeber|frem til|til og med|fra og med|siden|aarligt i|varig\w*|midlertidig\w*|(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d)/;
const RECIPIENT_CUES =
  /\b(?:leverandoer\w*|varetage\w*|samarbejde\w*|partner\w*|operatoer\w*|forening\w*|organisation\w*|driver|drives|udfoere\w*|hos |region\w*|tilskud til|gives til|center for|enhed\w*)/;
const CHANGE_CUES =
  /\b(?:justere\w*|aendr\w*|reducere\w*|reduktion\w*|udvide\w*|udvidelse\w*|i stedet|fremover|nyt initiativ|ikke laengere|omlaeg\w*|tilpas\w*|nedskal\w*|oget|oeget|faerre|flere)/;

function figureKinds(sentence: ReadSentence): Set<string> {
  return new Set(sentence.figures.map((figure) => figure.kind));
}

function firstFigure(sentence: ReadSentence, kind: TextFigure["kind"]): TextFigure | undefined {
  return sentence.figures.find((figure) => figure.kind === kind);
}

/** The written figure with the noun after it ("5.175 møder"), as it stands in the quote. */
function figureWithNoun(sentence: ReadSentence, figure: TextFigure): string {
  const after = /^\s+(?:ekstra\s+|nye\s+|unikke\s+)?[\p{L}-]+/u.exec(
    sentence.text.slice(figure.end),
  );
  return sentence.text.slice(figure.start, figure.end + (after?.[0].length ?? 0)).trim();
}

/** Score of a sentence for an asked kind, and the part of it that carries the fact. */
function kindScore(
  kind: AskedKind,
  sentence: ReadSentence,
  stems: readonly string[],
): { score: number; fact?: string } | undefined {
  const kinds = figureKinds(sentence);
  const inSection = (sections: readonly SectionKind[]) => sections.includes(sentence.section);
  switch (kind) {
    case "money": {
      const money = firstFigure(sentence, "money");
      if (money === undefined) return undefined;
      return { score: 3 + (inSection(MONEY_SECTIONS) ? 1 : 0), fact: money.text };
    }
    case "count": {
      /* The count whose noun the question names ("hvor mange møder" → "5.175 møder") is the fact. */
      const counts = sentence.figures
        .filter((figure) => figure.kind === "count")
        .map((figure) => {
          const written = figureWithNoun(sentence, figure);
          const nouns = new Set(tokenizeDanish(written.slice(figure.text.length)));
          return { written, named: stems.some((stem) => stemMatch(stem, nouns)) };
        });
      const count = counts.find((candidate) => candidate.named) ?? counts[0];
      if (count === undefined) return undefined;
      return {
        score:
          3 +
          (count.named ? 2 : 0) +
          (/\b(?:i alt|samlet|i runde tal)\b/.test(sentence.folded) ? 1 : 0) +
          (inSection(RESULT_SECTIONS) ? 0.5 : 0) +
          (RESULT_CUES.test(sentence.folded) ? 0.5 : 0),
        fact: count.written,
      };
    }
    case "result": {
      const measured = firstFigure(sentence, "count") ?? firstFigure(sentence, "percent");
      let score = 0;
      if (inSection(RESULT_SECTIONS)) score += 2;
      if (RESULT_CUES.test(sentence.folded)) score += 1;
      if (measured !== undefined) score += 1;
      if (score === 0) return undefined;
      return measured === undefined
        ? { score }
        : { score, fact: figureWithNoun(sentence, measured) };
    }
    case "target": {
      if (!TARGET_CUES.test(sentence.folded)) return undefined;
      const measured = firstFigure(sentence, "percent") ?? firstFigure(sentence, "count");
      const score =
        2 +
        (sentence.section === "expected_effect" ? 1 : 0) +
        (measured === undefined ? 0 : 1) +
        (/\bmaal\w*\b/.test(sentence.folded) ? 0.5 : 0);
      return measured === undefined
        ? { score }
        : { score, fact: figureWithNoun(sentence, measured) };
    }
    case "period": {
      const range = /(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d/.exec(sentence.text);
      const cue = PERIOD_CUES.test(sentence.folded);
      const date = firstFigure(sentence, "date");
      if (!cue && range === null) return undefined;
      const score =
        (range === null ? 0 : 2) +
        (cue ? 1 : 0) +
        (date === undefined ? 0 : 0.5) +
        (inSection(MONEY_SECTIONS) ? 0.5 : 0);
      const fact = range?.[0] ?? date?.text;
      return fact === undefined ? { score } : { score, fact };
    }
    case "recipient": {
      const cue = RECIPIENT_CUES.exec(sentence.folded);
      const recipient = sentence.figures.find((figure) => figure.recipient !== undefined);
      if (cue === null && recipient === undefined) return undefined;
      const names = /\b[A-ZÆØÅ][\p{L}]+(?:\s+[A-ZÆØÅ][\p{L}]+)*/u.test(sentence.text.slice(1));
      return {
        score: (cue === null ? 0 : 2) + (recipient === undefined ? 0 : 1) + (names ? 0.5 : 0),
      };
    }
    case "change": {
      const cue = CHANGE_CUES.test(sentence.folded);
      if (!cue) return undefined;
      return {
        score:
          2 +
          (sentence.section === "proposed_money" || sentence.section === "assessment" ? 1 : 0) +
          (kinds.has("money") ? 0.5 : 0),
      };
    }
    default:
      return undefined;
  }
}

/** The question's stems that are not in the card's title: the words that point inside the card ("møder", "deltagere"). */
function innerStems(read: ReadQuestion, card: Card): string[] {
  const title = new Set(tokenizeDanish(card.title));
  return [...new Set(tokenizeDanish(read.words.join(" ")))].filter(
    (stem) => !/^\d+$/.test(stem) && !titleHas(stem, title),
  );
}

/** Whether a question stem is (a part of) a title word: "rehabilitering" of "rehabiliteringsteammøder". */
function titleHas(stem: string, title: ReadonlySet<string>): boolean {
  if (title.has(stem)) return true;
  if (stem.length < 6) return false;
  for (const token of title) if (token.startsWith(stem) || stem.startsWith(token)) return true;
  return false;
}

function stemMatch(stem: string, tokens: ReadonlySet<string>): boolean {
  if (tokens.has(stem)) return true;
  if (stem.length < 5) return false;
  for (const token of tokens)
    if (token.length >= 5 && (token.startsWith(stem) || stem.startsWith(token))) return true;
  return false;
}

/**
 * The sentences of a card that state the asked kind of fact, best first (at most `limit`).
 * Empty when the card states no such fact, or the question asks for a decision, a reason or
 * nothing in particular (those are answered from the decision and reason sentences).
 */
export function selectFacts(card: Card, read: ReadQuestion, limit = 2): FactSentence[] {
  if (read.asked === "decision" || read.asked === "reason" || read.asked === "general") return [];
  const stems = innerStems(read, card);
  const years = read.years.map(String);
  const scored: FactSentence[] = [];
  for (const sentence of readSentences(card)) {
    const base = kindScore(read.asked, sentence, stems);
    if (base === undefined) continue;
    let score = base.score;
    for (const stem of stems) {
      if (stemMatch(stem, sentence.tokens)) score += 1.5;
      else if (stemMatch(stem, sentence.headingTokens)) score += 0.5;
    }
    if (years.some((year) => sentence.text.includes(year))) score += 1;
    if (score < MIN_FACT_SCORE) continue;
    const { figures: _f, folded: _d, tokens: _t, headingTokens: _h, ...quoted } = sentence;
    scored.push({ ...quoted, score, ...(base.fact === undefined ? {} : { fact: base.fact }) });
  }
  return scored.sort((a, b) => b.score - a.score || a.start - b.start).slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// Budget-note tables

export type TableFact = {
  table: BudgetTable;
  row: TableRow;
  /** The frame sentence, e.g. "Tabel 2 – … (model 1), Udgifter i alt (netto), 1.000 kr., 2023 p/l: 2024: 11.000; i alt 44.000." */
  frame: string;
  /** The figure the frame leads with ("11.000"), for highlighting. */
  fact: string;
};

function rowTotal(row: TableRow): number | undefined {
  if (row.statedTotal !== undefined) return row.statedTotal;
  const values = Object.values(row.values).filter((value): value is number => value !== null);
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
}

/** How well a row's label matches the question's words (0 when no word is shared). */
function labelMatch(row: TableRow, stems: readonly string[]): number {
  const tokens = new Set(tokenizeDanish(row.label));
  return stems.filter((stem) => stemMatch(stem, tokens)).length;
}

/**
 * Budget-note table cells for a money, total, period or general question: the economy table of
 * the asked model variant (every variant when none is asked), the row whose label the question
 * names (else the total row), the asked year's column (else every year and the total).
 */
export function selectTableFacts(
  card: Card,
  tables: readonly BudgetTable[],
  read: ReadQuestion,
): TableFact[] {
  const own = tables.filter((table) => table.cardId === card.id && table.rows.length > 0);
  const economy = own.filter((table) => table.kind === "economy");
  const candidates = economy.length > 0 ? economy : own.filter((table) => table.kind !== "other");
  const modelOf = (table: BudgetTable) => /model\s*(\d)/iu.exec(table.title)?.[1];
  const chosen =
    read.model === undefined
      ? candidates
      : candidates.filter((table) => modelOf(table) === String(read.model));
  const stems = innerStems(read, card);
  const facts: TableFact[] = [];
  for (const table of chosen) {
    const named = [...table.rows]
      .map((row) => ({ row, match: labelMatch(row, stems) }))
      .filter((entry) => entry.match > 0)
      .sort((a, b) => b.match - a.match)[0]?.row;
    const row = named ?? table.rows.find((candidate) => candidate.isTotal) ?? table.rows.at(-1);
    if (row === undefined) continue;
    const unit = `${table.unit}${table.priceLevel === undefined ? "" : `, ${table.priceLevel} p/l`}`;
    const asked = read.years.filter((year) => table.years.includes(year));
    const cell = (year: number) => {
      const value = row.values[String(year)];
      return value === null || value === undefined ? "-" : formatDanishNumber(value);
    };
    const total = rowTotal(row);
    const totalText = total === undefined ? undefined : formatDanishNumber(total);
    const yearParts = (asked.length > 0 ? asked : table.years).map(
      (year) => `${year}: ${cell(year)}`,
    );
    const lead =
      asked.length > 0 && !read.asksTotal
        ? yearParts.join("; ")
        : `i alt ${totalText ?? "-"} (${yearParts.join("; ")})`;
    const fact =
      asked.length > 0 && !read.asksTotal
        ? cell(asked[0] ?? 0)
        : (totalText ?? cell(table.years[0] ?? 0));
    facts.push({
      table,
      row,
      frame: `${table.title}, ${row.label} (${unit}): ${lead}.`,
      fact,
    });
  }
  return facts;
}
