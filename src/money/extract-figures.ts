/**
 * Finds every figure in a Danish text and reads it with the money grammar: amounts with their
 * unit, per year or total, period, spending area, price level, recipient and "heraf" parts; and
 * the numbers that are not money (participants, percentages, years, card numbers).
 * Offsets are into the given text; callers map them to the raw source.
 */
import type { Area, Basis, Figure, PriceLevel } from "../domain/index.ts";
import { BARE_AMOUNT_SOURCE, MONEY_SOURCE, readAmount } from "./danish-amount.ts";
import { DANISH_NUMBER_SOURCE, parseDanishNumber } from "./danish-number.ts";
import { needsNormalising, normaliseText, rawSpan } from "./normalise-text.ts";
import { readPeriod } from "./period.ts";

/** A figure found in a text, with offsets into that text. */
export type TextFigure = Omit<Figure, "span" | "sentence"> & {
  start: number;
  end: number;
  /**
   * The sentence the figure stands in, trimmed, as it stands in the given text:
   * `text.slice(sentence.start, sentence.end) === sentence.text`, also when the figures were read
   * from the normalised form (see `normalised`).
   */
  sentence: { text: string; start: number; end: number };
};

const ABBREVIATIONS = new Set([
  "mio",
  "mia",
  "ca",
  "pct",
  "nr",
  "pr",
  "bl.a",
  "f.eks",
  "evt",
  "mhp",
  "jf",
  "mv",
  "inkl",
  "ekskl",
  "t.kr",
  "tkr",
  "kap",
  "stk",
  "ift",
  "vedr",
  "dvs",
  "osv",
  "pga",
  "bl",
  "a",
  "fx",
  "hhv",
  "max",
  "min",
  "mill",
  "kl",
  "tlf",
  "ang",
  "iht",
  "jan",
  "feb",
  "aug",
  "sept",
  "okt",
  "nov",
  "dec",
]);

/**
 * Splits a text into sentences: a full stop, question or exclamation mark before white space and a
 * capital or digit, not after an abbreviation; a blank line; or a line that starts a bullet point.
 */
export function splitSentences(text: string): Array<{ start: number; end: number }> {
  const sentences: Array<{ start: number; end: number }> = [];
  let start = 0;
  const boundary = /[.!?](?=\s+(?:["“”'(]?[A-ZÆØÅ]|\d))|\n\s*\n|\n(?=[ \t]*[-•–*][ \t])/g;
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    if (match[0] === ".") {
      const before = /([\p{L}.]+)\.$/u.exec(
        text.slice(Math.max(start, match.index - 12), match.index + 1),
      );
      if (before?.[1] !== undefined && ABBREVIATIONS.has(before[1].toLowerCase())) continue;
    }
    const end = match.index + (match[0].startsWith("\n") ? 0 : 1);
    if (end > start) sentences.push({ start, end });
    start = match.index + match[0].length;
  }
  if (start < text.length) sentences.push({ start, end: text.length });
  return sentences.filter((sentence) => text.slice(sentence.start, sentence.end).trim().length > 0);
}

const MONEY = new RegExp(MONEY_SOURCE, "giu");
const BARE_MONEY = new RegExp(
  `${BARE_AMOUNT_SOURCE}(?=\\s+(?:kr\\b|årligt|om året|pr\\. år|samlet|i alt))`,
  "gu",
);
const NUMBER = new RegExp(`(?<![\\p{L}\\d.,/])(?:${DANISH_NUMBER_SOURCE})(?![\\d])`, "gu");

/** Word boundaries that know Danish letters (\\b does not: "å" is no \\w). */
const START = String.raw`(?<![\p{L}\d])`;
const END = String.raw`(?![\p{L}\d])`;
const words = (source: string, flags = "iu"): RegExp =>
  new RegExp(`${START}(?:${source})${END}`, flags);

/* "på service" also as the OCR writes it: "på\nservice", "påservice", "paservicei 2027-2030". */
const ON = String.raw`p[åa]\s*`;
const GLUED_I = String.raw`(?:i(?=\s+(?:19|20)\d\d))?`;
const OVERFOERSLER = String.raw`overf(?:ø|oe|e|o|g|@|0)rsler`;
const AREA_PATTERNS: ReadonlyArray<readonly [Area, RegExp]> = [
  [
    "service",
    words(
      String.raw`servicemidler|serviceudgift(?:er)?|serviceramme(?:n)?|${ON}service${GLUED_I}|\(service|styringsområdet service|service(?=\s+i\s+\d{4}|\s*[,.;)]|\s+og\s|\s+til\s)`,
    ),
  ],
  [
    "indsats",
    words(
      String.raw`indsatsmidler|indsatsramme(?:n)?|${ON}indsats${GLUED_I}|\(indsats|styringsområdet indsats|indsats(?=\s+i\s+\d{4}|\s*[,;)]|\s+og\s|\s*\(\d{4}|\s*\.\s*$)`,
    ),
  ],
  [
    "overførsler",
    words(
      String.raw`${OVERFOERSLER}${GLUED_I}|overførselsudgift(?:er)?|overførselsmidler|${ON}${OVERFOERSLER}`,
    ),
  ],
  [
    "anlæg",
    words(
      String.raw`anlægsmidler|anlægsudgift(?:er)?|${ON}anlæg${GLUED_I}|\(anlæg|anlæg(?=\s+i\s+\d{4}|\s*[,.;)])`,
    ),
  ],
];
/* OCR writes "årligt" as "arligt" or "&rligt". */
const YEARLY = String.raw`(?:å|a|aa|&)?rlig(?:t|e)?`;
/** The words that make an amount per year ("årligt", "om året"), as a regular-expression source. */
export const PER_YEAR_WORDS = String.raw`${YEARLY}|om året|pr\.\s*år|per år|hvert år`;
/** The words that make an amount a total ("samlet", "i alt"), as a regular-expression source. */
export const TOTAL_WORDS = String.raw`samlet|samlede|i alt|ialt|totalt|sammenlagt`;
const PER_YEAR = words(PER_YEAR_WORDS);
const TOTAL = words(TOTAL_WORDS);
/* "(2027 p/l)", OCR "(2027 p/1)", "(2027p/I)", and "(2027/pl)" with the slash first. */
const PRICE_LEVEL = new RegExp(
  String.raw`\(?${START}(?<year>(?:19|20)\d\d)\s*-?\s*p\s*\/\s*[l1I]${END}\)?|\(?${START}(?<slash>(?:19|20)\d\d)\s*\/\s*p\.?\s*[l1I]${END}\)?|${START}(?<current>løbende\s+p\s*\/\s*[l1I])${END}|${START}i\s+(?<prices>(?:19|20)\d\d)-priser${END}`,
  "iu",
);
/** The administrations and the committees a figure can go to ("til BIF", "hos BIU"). */
export const ADMINISTRATION_CODES: readonly string[] = [
  "BIF",
  "SOF",
  "BUF",
  "SUF",
  "KFF",
  "ØKF",
  "TMF",
];
export const COMMITTEE_CODES: readonly string[] = [
  "BIU",
  "SOC",
  "BUU",
  "KFU",
  "SOU",
  "SUD",
  "ØU",
  "TMU",
];
const RECIPIENT = new RegExp(
  String.raw`${START}(?:til|for|i|hos)\s+(?<code>${[...ADMINISTRATION_CODES, ...COMMITTEE_CODES].join("|")})${END}`,
  "u",
);
/** "heraf", "fordelt på/således", "består af": the amounts after it are parts of the one before. */
export const PARTS = words(
  String.raw`heraf(?:er)?|hvoraf|deraf|fordelt\s+(?:p[åa]|med|således|mellem)|fordeles\s+(?:p[åa]|med|således)|består\s+af`,
);
const PERCENT_AFTER = /^\s?(?:pct\.?|%|procent)/iu;
const REFERENCE_BEFORE = /(?:\bnr\.?|\bnummer|\bBI|\bbilag|\bkapitel|\bstk\.|§)\s?$/iu;
const MONTHS =
  /\b(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|aug|sept|okt|nov|dec|Q[1-4])\.?\s*$/iu;

function readArea(text: string): Area | undefined {
  let best: { area: Area; index: number } | undefined;
  for (const [area, pattern] of AREA_PATTERNS) {
    const match = pattern.exec(text);
    if (match !== null && (best === undefined || match.index < best.index))
      best = { area, index: match.index };
  }
  return best?.area;
}

const PRICE_LEVELS = new RegExp(PRICE_LEVEL.source, "giu");
/** Blanks "(2027 p/l)" so its year is not read as a period; keeps offsets. */
function withoutPriceLevels(text: string): string {
  return text.replace(PRICE_LEVELS, (match) => " ".repeat(match.length));
}

/** The first price level a text names: "(2027 p/l)", "2027/pl", "løbende p/l", "i 2027-priser". */
export function readPriceLevel(text: string): PriceLevel | undefined {
  const match = PRICE_LEVEL.exec(text);
  if (match?.groups === undefined) return undefined;
  if (match.groups.current !== undefined) return "løbende";
  const year = match.groups.year ?? match.groups.slash ?? match.groups.prices;
  return year === undefined ? undefined : Number(year);
}

const WHOLE_PRICE_LEVEL = new RegExp(String.raw`^\s*(?:${PRICE_LEVEL.source})\s*$`, "iu");

/**
 * A whole text (a spreadsheet cell) as a price level: a year ("2027", 1900-2199), a written price
 * level ("2027 p/l", "2027-p/l"), or "løbende" (current prices) and anything after it. Undefined
 * when the text is none of these; an empty text is none.
 */
export function parsePriceLevel(text: string): PriceLevel | undefined {
  const trimmed = text.trim();
  if (/^løbende/iu.test(trimmed)) return "løbende";
  const year = /^((?:19|20|21)\d\d)(?:\s*[-–]?\s*p\s*\/\s*l)?$/iu.exec(trimmed)?.[1];
  if (year !== undefined) return Number(year);
  return WHOLE_PRICE_LEVEL.test(trimmed) ? readPriceLevel(trimmed) : undefined;
}

const PER_YEAR_BEFORE = new RegExp(`${START}${YEARLY}${END}[^.]*$`, "iu");
const TOTAL_BEFORE = new RegExp(
  `${START}(?:samlet|samlede|i alt|ialt|totalt)${END}(?:\\s+\\S+){0,3}\\s*$`,
  "iu",
);

function readBasis(before: string, after: string): Basis {
  if (PER_YEAR.test(after.slice(0, 40))) return "per_year";
  if (TOTAL.test(after.slice(0, 30))) return "total";
  const tail = before.slice(-40);
  if (PER_YEAR_BEFORE.test(tail)) return "per_year";
  if (TOTAL_BEFORE.test(tail)) return "total";
  return "unspecified";
}

type Found = { start: number; end: number; figure: Omit<TextFigure, "start" | "end" | "sentence"> };

function findMoney(sentence: string, labels: readonly Found[] = []): Found[] {
  const found: Found[] = [];
  for (const pattern of [MONEY, BARE_MONEY]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
      const groups = match.groups ?? {};
      if (groups.low === undefined) continue;
      let start = match.index;
      const end = match.index + match[0].trimEnd().length;
      if (/[\p{L}\d]/u.test(sentence[start - 1] ?? "")) continue;
      let low = groups.low;
      // OCR put a point for the decimal comma: "2.8 mio. kr." is 2,8 mio. kr., not 8 mio. kr.
      const pointDecimal = /(?:^|[^\p{L}\d.,])(\d{1,3})\.$/u.exec(
        sentence.slice(Math.max(0, start - 5), start),
      );
      if (
        pointDecimal?.[1] !== undefined &&
        /^\d{1,2}$/.test(low) &&
        groups.high === undefined &&
        /^(?:mio|mia|mill|milliard)/iu.test(groups.unit ?? "")
      ) {
        start -= pointDecimal[1].length + 1;
        low = `${pointDecimal[1]},${low}`;
      } else if (/\d[.,]$/u.test(sentence.slice(Math.max(0, start - 2), start))) continue;
      if (found.some((other) => start < other.end && end > other.start)) continue;
      if (
        labels.some(
          (label) => label.figure.kind === "unit_header" && start < label.end && end > label.start,
        )
      )
        continue;
      const parsed = readAmount(low, groups.high, groups.unit);
      if (parsed === undefined) continue;
      found.push({
        start,
        end,
        figure: {
          kind: "money",
          text: sentence.slice(start, end),
          amount: parsed.amount,
          decimals: parsed.decimals,
          unit: parsed.unit,
          years: [],
        },
      });
    }
  }
  return found.sort((left, right) => left.start - right.start);
}

/** "1.000 kr., 2023 p/l", "(1.000 kr.)", "i 1.000 kr.": the unit a table's numbers are written in. */
const UNIT_HEADER = new RegExp(
  String.raw`(?<![\d.,])1\.000\s?kr\.?(?=\s*,?\s*(?:(?:19|20)\d\d|løbende)\s*-?\s*p\s*\/\s*[l1I]${END})|(?<=(?:${START}i|\()\s?)1\.000\s?kr\.?(?=\s*\)|\s*$|\s*,)`,
  "giu",
);
const PRICE_LEVEL_TAGS = new RegExp(PRICE_LEVEL.source, "giu");
/** Three or more years in a row with nothing between: a table's column headings. */
const HEADING_RUN = new RegExp(
  String.raw`${START}(?:(?:19|20)\d\d[ \t]+){2,}(?:19|20)\d\d${END}`,
  "gu",
);

/** Table unit headers, price-level tags and column headings: numbers that are neither money nor counts. */
function findLabels(sentence: string): Found[] {
  const found: Found[] = [];
  const add = (pattern: RegExp, kind: Figure["kind"], value: (text: string) => number) => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
      const text = match[0].trim();
      if (text.length === 0) continue;
      const start = match.index + match[0].indexOf(text);
      const end = start + text.length;
      if (found.some((other) => start < other.end && end > other.start)) continue;
      found.push({ start, end, figure: { kind, text, value: value(text), years: [] } });
    }
  };
  add(UNIT_HEADER, "unit_header", () => 1_000);
  add(PRICE_LEVEL_TAGS, "price_level", (text) => Number(/(?:19|20)\d\d/u.exec(text)?.[0] ?? 0));
  add(HEADING_RUN, "heading", (text) => Number(text.slice(0, 4)));
  return found;
}

function findOtherNumbers(sentence: string, taken: Found[]): Found[] {
  const found: Found[] = [];
  NUMBER.lastIndex = 0;
  for (let match = NUMBER.exec(sentence); match !== null; match = NUMBER.exec(sentence)) {
    const start = match.index;
    const end = start + match[0].length;
    if (taken.some((other) => start < other.end && end > other.start)) continue;
    const number = parseDanishNumber(match[0]);
    if (number === undefined) continue;
    const before = sentence.slice(Math.max(0, start - 12), start);
    const after = sentence.slice(end, end + 12);
    let kind: Figure["kind"] = "count";
    let figureEnd = end;
    const percent = PERCENT_AFTER.exec(after);
    if (percent !== null) {
      kind = "percent";
      figureEnd = end + percent[0].length;
    } else if (REFERENCE_BEFORE.test(before)) {
      kind = "reference";
    } else if (
      !number.grouped &&
      number.decimals === 0 &&
      number.value >= 1990 &&
      number.value <= 2100
    ) {
      kind = "date";
    } else if (
      MONTHS.test(before) ||
      /^\/\d/.test(after) ||
      /^\s*\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/iu.test(
        after,
      )
    ) {
      kind = "date";
    } else if (number.decimals > 0) {
      kind = "other";
    }
    found.push({
      start,
      end: figureEnd,
      figure: { kind, text: sentence.slice(start, figureEnd), value: number.value, years: [] },
    });
  }
  return found;
}

/** "dvs.", "svarende til": the amount restates the one before it; it reads like it unless it says otherwise. */
const RESTATES = new RegExp(`(?:${START}dvs\\.?|${START}svarende\\s+til|${START}altså)\\s*$`, "iu");
/** "SOF's andel af bevillingen": a part of a whole named before. */
const SHARE_OF = words(String.raw`andel(?:en)?\s+af`);
const RECIPIENT_CODES = [...ADMINISTRATION_CODES, ...COMMITTEE_CODES].join("|");
/** "fik BIF 26,1 mio. kr.", "BIF fik", "SOF's andel": the recipient as subject or owner. */
const RECIPIENT_SUBJECT = new RegExp(
  String.raw`${START}fik\s+(?<code>${RECIPIENT_CODES})${END}|${START}(?<owner>${RECIPIENT_CODES})(?:'s|s|’s)?\s+andel${END}|${START}(?<subject>${RECIPIENT_CODES})\s+fik${END}`,
  "u",
);
/** "i budget 2024", "I Budget 2026": the year of a budget, read when the clause names no period. */
const IN_BUDGET = new RegExp(
  String.raw`${START}i\s+budget(?:året)?\s+(?<year>(?:19|20)\d\d)${END}`,
  "iu",
);
/** "frem til 2025", "til og med 2025": the end of an open period; its start is a budget named in the sentence. */
const UNTIL = new RegExp(
  String.raw`${START}(?:frem\s+til|til\s+og\s+med)\s+(?<year>(?:19|20)\d\d)${END}`,
  "iu",
);
const BUDGET_START = new RegExp(
  String.raw`${START}budget(?:aftale(?:n)?)?\s+(?:for\s+)?(?<year>(?:19|20)\d\d)${END}`,
  "iu",
);
const GRANT_LABELS = /Bevilling\s+((?:19|20)\d\d)\s*:/gu;
const LOOSE_BASIS_CLOSING = new RegExp(
  `${START}${YEARLY}${END}[^.;]{0,40}?${START}(?:i|perioden)\\s+(?:perioden\\s+)?(?:19|20)\\d\\d[^.;]*[.;]?\\s*$`,
  "iu",
);
/** A basis word standing right after an amount ("7,4 mio. kr. årligt") belongs to that amount only. */
const ATTACHED_BASIS_AFTER = 14;

function readRecipient(text: string): string | undefined {
  return RECIPIENT.exec(text)?.groups?.code;
}

function readRecipientSubject(text: string): string | undefined {
  const groups = RECIPIENT_SUBJECT.exec(text)?.groups;
  return groups?.code ?? groups?.owner ?? groups?.subject;
}

/** "I Budget 2026 fik BIF …" before the first amount: that budget's year ("Med budget 2023 blev der afsat" is not). */
const BUDGET_LEADING = new RegExp(
  String.raw`(?:^|(?<!med)\s|[^\p{L}\s])budget(?:året)?\s+(?<year>(?:19|20)\d\d)${END}`,
  "iu",
);
function budgetLeading(before: string): number[] | undefined {
  const year = BUDGET_LEADING.exec(before)?.groups?.year;
  return year === undefined ? undefined : [Number(year)];
}

/** The period an open end ("frem til 2025") and a budget named in the sentence span. */
function readOpenPeriod(own: string, sentence: string): number[] | undefined {
  const until = UNTIL.exec(own)?.groups?.year;
  const from = BUDGET_START.exec(sentence)?.groups?.year;
  if (until === undefined || from === undefined) return undefined;
  const first = Number(from);
  const last = Number(until);
  if (last < first || last - first > 30) return undefined;
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
}

/** The year of the nearest "Bevilling 2024:" label before `at` in the sentence. */
function grantYearBefore(sentence: string, at: number): number[] | undefined {
  let year: number | undefined;
  GRANT_LABELS.lastIndex = 0;
  for (let match = GRANT_LABELS.exec(sentence); match !== null; match = GRANT_LABELS.exec(sentence))
    if (match.index < at) year = Number(match[1]);
  return year === undefined ? undefined : [year];
}

/** What one money figure's own clause states. */
type Stated = {
  basis: Basis;
  /** Whether the basis word stands right after the amount (then it is not shared). */
  basisAttached: boolean;
  period: number[] | undefined;
  area: Area | undefined;
  priceLevel: PriceLevel | undefined;
  recipient: string | undefined;
};

/** The whole a sentence's parts may refer to: the last money figure before it that is no part. */
export type CarriedWhole = { figure: Found["figure"]; key: object };

/** Where one coordinated clause ends and the next begins: ", og", ";", ",", " og " (not inside "2024 og 2025"). */
const CLAUSE_BOUNDARY = /,\s*og\s+|;\s*|,\s+(?!(?:19|20)\d\d)|\s+[o0]g\s+(?!(?:19|20)\d\d)/gu;

const RELATIVE_CLAUSE = /,\s*(?:som|der|hvilket|hvor)\s[^,;]*,/gu;

/** The offset in the sentence where the clause of money[index + 1] begins (after the last boundary). */
function clauseStart(sentence: string, money: readonly Found[], index: number): number {
  const found = money[index];
  const next = money[index + 1];
  if (found === undefined || next === undefined) return sentence.length;
  // A relative clause ", som går til BIF," is no boundary: its commas are masked.
  const between = sentence
    .slice(found.end, next.start)
    .replace(RELATIVE_CLAUSE, (clause) => " ".repeat(clause.length));
  let start = between.length;
  CLAUSE_BOUNDARY.lastIndex = 0;
  for (
    let match = CLAUSE_BOUNDARY.exec(between);
    match !== null;
    match = CLAUSE_BOUNDARY.exec(between)
  )
    start = match.index;
  return found.end + start;
}

function readStated(sentence: string, money: Found[], index: number): Stated {
  const found = money[index] as Found;
  const next = money[index + 1];
  const segmentEnd = next === undefined ? sentence.length : clauseStart(sentence, money, index);
  const previousEnd = index === 0 ? 0 : clauseStart(sentence, money, index - 1);
  const own = sentence.slice(found.end, segmentEnd);
  const before = sentence.slice(previousEnd, found.start);
  let basis = readBasis(before, own);
  // "0,3 mio. kr. til X og 0,2 til Y årligt på service i 2024-2026": a basis closing the sentence
  // with its period belongs to the coordinated clauses before it.
  if (basis === "unspecified" && next === undefined && LOOSE_BASIS_CLOSING.test(own))
    basis = "per_year";
  const basisAttached =
    basis !== "unspecified" &&
    (PER_YEAR.test(own.slice(0, ATTACHED_BASIS_AFTER)) ||
      TOTAL.test(own.slice(0, ATTACHED_BASIS_AFTER)));
  const withoutLevels = withoutPriceLevels(own);
  const period =
    readOpenPeriod(own, sentence) ??
    readPeriod(withoutLevels) ??
    readPeriod(withoutPriceLevels(before), { leadingOnly: true }) ??
    grantYearBefore(sentence, found.start) ??
    (IN_BUDGET.exec(withoutLevels)?.groups?.year === undefined
      ? undefined
      : [Number(IN_BUDGET.exec(withoutLevels)?.groups?.year)]) ??
    (index === 0 ? budgetLeading(before) : undefined);
  return {
    basis,
    basisAttached,
    period,
    // The boundary itself (", og") tells "til service, og" from "service" inside a phrase.
    area:
      readArea(sentence.slice(found.end, Math.min(sentence.length, segmentEnd + 4))) ??
      readArea(before),
    priceLevel: readPriceLevel(own),
    recipient:
      readRecipient(own) ?? readRecipient(before) ?? readRecipientSubject(before.slice(-25)),
  };
}

/**
 * Reads the context of each money figure in one sentence, clause by clause: each figure's own
 * clause first; what a later coordinated clause states once at the end (period, and with it a
 * basis not attached to its own amount) and what the sentence states once (area, price level,
 * recipient) for the clauses that do not say it; for a part ("heraf", "fordelt på", "andel af",
 * also across the sentence before) what its whole says; for a restatement ("dvs.") the figure it
 * restates. Returns the last figure that is no part (the whole a next sentence may split).
 */
function readMoneyContext(
  sentence: string,
  money: Found[],
  carried: CarriedWhole | undefined,
  bulletParts = false,
): { whole: CarriedWhole | undefined; externalParts: Set<number> } {
  const sentenceArea = readArea(sentence);
  const sentencePriceLevel = readPriceLevel(sentence);
  const sentenceRecipient = readRecipient(sentence) ?? readRecipientSubject(sentence);
  const stated = money.map((_, index) => readStated(sentence, money, index));
  const externalParts = new Set<number>();
  const leadIn = sentence.slice(0, money[0]?.start ?? 0);
  const partsOfCarried =
    carried !== undefined && (bulletParts || PARTS.test(leadIn) || SHARE_OF.test(leadIn));
  let whole: number | undefined;
  let inParts = false;
  const wholesWithParts = new Set<number>();
  const fromSentence = new Map<number, { area: boolean; recipient: boolean }>();
  money.forEach((found, index) => {
    const own = stated[index] as Stated;
    const previousEnd = index === 0 ? 0 : (money[index - 1]?.end ?? 0);
    const before = sentence.slice(previousEnd, found.start);
    const figure = found.figure;
    if (index > 0 && PARTS.test(before)) inParts = true;
    const restated = index > 0 && RESTATES.test(before) ? money[index - 1]?.figure : undefined;
    const external = partsOfCarried && !inParts && restated === undefined;
    const wholeFigure =
      restated ??
      (inParts && whole !== undefined ? money[whole]?.figure : undefined) ??
      (external ? carried?.figure : undefined);
    // A later coordinated clause that states a period shares it (and a loose basis) with this one.
    const sharer =
      own.period === undefined && wholeFigure === undefined
        ? stated.slice(index + 1).find((other) => other.period !== undefined)
        : undefined;
    const inherited: NonNullable<Figure["inherited"]> = [];
    figure.basis = own.basis;
    if (figure.basis === "unspecified") {
      const shared =
        wholeFigure?.basis ??
        (sharer !== undefined && !sharer.basisAttached ? sharer.basis : undefined);
      if (shared !== undefined && shared !== "unspecified") {
        figure.basis = shared;
        inherited.push("basis");
      }
    }
    const period =
      own.period ?? (wholeFigure === undefined ? undefined : wholeFigure.years) ?? sharer?.period;
    if (period !== undefined) figure.years = [...period];
    if (own.period === undefined && period !== undefined && period.length > 0)
      inherited.push("years");
    const area = own.area ?? wholeFigure?.area ?? sentenceArea;
    if (area !== undefined) figure.area = area;
    if (own.area === undefined && area !== undefined) inherited.push("area");
    const priceLevel = own.priceLevel ?? wholeFigure?.priceLevel ?? sentencePriceLevel;
    if (priceLevel !== undefined) figure.priceLevel = priceLevel;
    if (own.priceLevel === undefined && priceLevel !== undefined) inherited.push("priceLevel");
    const recipient =
      own.recipient ??
      (external || inParts ? undefined : restated?.recipient) ??
      sentenceRecipient ??
      (restated === undefined ? undefined : wholeFigure?.recipient);
    if (recipient !== undefined) figure.recipient = recipient;
    if (own.recipient === undefined && recipient !== undefined) inherited.push("recipient");
    if (inherited.length > 0) figure.inherited = inherited;
    fromSentence.set(index, {
      area: own.area === undefined,
      recipient: own.recipient === undefined,
    });
    if (inParts && whole !== undefined) {
      figure.partOf = whole;
      wholesWithParts.add(whole);
    } else if (external) {
      externalParts.add(index);
    } else if (restated === undefined) {
      whole = index;
    }
  });
  // A whole split into parts has the parts' areas and recipients, not one of them.
  for (const index of wholesWithParts) {
    const figure = money[index]?.figure;
    const inherited = fromSentence.get(index);
    if (figure === undefined || inherited === undefined) continue;
    if (inherited.area) delete figure.area;
    if (inherited.recipient) delete figure.recipient;
    const remaining = (figure.inherited ?? []).filter(
      (field) =>
        !(field === "area" && inherited.area) && !(field === "recipient" && inherited.recipient),
    );
    if (remaining.length > 0) figure.inherited = remaining;
    else delete figure.inherited;
  }
  const last = [...money].reverse().find((found, position) => {
    const index = money.length - 1 - position;
    return found.figure.partOf === undefined && !externalParts.has(index);
  });
  return {
    whole: last === undefined ? carried : { figure: last.figure, key: last },
    externalParts,
  };
}

/**
 * Every figure in `raw`, in order, read from its normalised form (normaliseText): offsets point
 * into `raw`, and a figure whose characters needed normalising has `normalised: true`. Money figures carry amount (whole DKK), unit, decimals,
 * basis, years, area, price level, recipient and `partOf` (the index, within this result, of the
 * figure this one is a part of).
 */
export function extractFigures(raw: string): TextFigure[] {
  const normalised = normaliseText(raw);
  if (normalised.changed.length === 0) return extractFromText(raw);
  return extractFromText(normalised.text).map((figure) => {
    const span = rawSpan(normalised, figure.start, figure.end);
    const sentence = rawSpan(normalised, figure.sentence.start, figure.sentence.end);
    const mapped: TextFigure = {
      ...figure,
      start: span.start,
      end: span.end,
      sentence: {
        text: raw.slice(sentence.start, sentence.end),
        start: sentence.start,
        end: sentence.end,
      },
    };
    if (needsNormalising(normalised, span.start, span.end)) mapped.normalised = true;
    return mapped;
  });
}

/** A line that starts a bullet point ("- 6 mio. kr. til BIF"), as splitSentences cuts them. */
const BULLET_LINE = /^\s*[-•–*][ \t]/u;

function extractFromText(text: string): TextFigure[] {
  const figures: TextFigure[] = [];
  let carried: CarriedWhole | undefined;
  const positionOf = new Map<object, number>();
  // After "fordelt således:" the bullet lines that follow are parts of the whole before it.
  let partsOpen = false;
  let previousEnd = 0;
  for (const bounds of splitSentences(text)) {
    const sentence = text.slice(bounds.start, bounds.end);
    const trimmedStart = bounds.start + (sentence.length - sentence.trimStart().length);
    const trimmedEnd = bounds.end - (sentence.length - sentence.trimEnd().length);
    const labels = findLabels(sentence);
    const money = findMoney(sentence, labels);
    const bullet = BULLET_LINE.test(sentence);
    // A blank line ends the list.
    const bulletParts: boolean =
      partsOpen && bullet && !/\n[ \t]*\n/u.test(text.slice(previousEnd, bounds.start));
    previousEnd = bounds.end;
    const context = readMoneyContext(sentence, money, carried, bulletParts);
    partsOpen = bulletParts || PARTS.test(sentence.slice(money.at(-1)?.end ?? 0));
    const carriedPosition = carried === undefined ? undefined : positionOf.get(carried.key);
    carried = context.whole;
    const placedLabels = labels.filter(
      (label) => !money.some((found) => label.start < found.end && label.end > found.start),
    );
    const others = [...placedLabels, ...findOtherNumbers(sentence, [...money, ...placedLabels])];
    const base = figures.length;
    const moneyIndex = new Map(money.map((found, index) => [index, found]));
    const all = [...money, ...others].sort((left, right) => left.start - right.start);
    const positions = new Map(all.map((found, index) => [found, base + index]));
    for (const [found, position] of positions) positionOf.set(found, position);
    for (const found of all) {
      const figure: TextFigure = {
        ...found.figure,
        start: bounds.start + found.start,
        end: bounds.start + found.end,
        sentence: { text: sentence.trim(), start: trimmedStart, end: trimmedEnd },
      };
      const index = money.indexOf(found);
      if (found.figure.partOf !== undefined) {
        const whole = moneyIndex.get(found.figure.partOf);
        const wholePosition = whole === undefined ? undefined : positions.get(whole);
        if (wholePosition === undefined) delete figure.partOf;
        else figure.partOf = wholePosition;
      } else if (index >= 0 && context.externalParts.has(index) && carriedPosition !== undefined) {
        figure.partOf = carriedPosition;
      }
      figures.push(figure);
    }
  }
  return figures;
}
