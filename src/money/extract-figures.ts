/**
 * Finds every figure in a Danish text and reads it with the money grammar: amounts with their
 * unit, per year or total, period, spending area, price level, recipient and "heraf" parts; and
 * the numbers that are not money (participants, percentages, years, card numbers).
 * Offsets are into the given text; callers map them to the raw source.
 */
import type { Area, Basis, Figure, PriceLevel } from "../domain/index.ts";
import { BARE_AMOUNT_SOURCE, MONEY_SOURCE, readAmount } from "./danish-amount.ts";
import { DANISH_NUMBER_SOURCE, parseDanishNumber } from "./danish-number.ts";
import { readPeriod } from "./period.ts";

/** A figure found in a text, with offsets into that text. */
export type TextFigure = Omit<Figure, "span" | "sentence"> & {
  start: number;
  end: number;
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
      String.raw`indsatsmidler|indsatsramme(?:n)?|${ON}indsats${GLUED_I}|\(indsats|styringsområdet indsats|indsats(?=\s+i\s+\d{4}|\s*[,;)])`,
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
const YEARLY = String.raw`(?:å|a|aa|&)rlig(?:t|e)?`;
const PER_YEAR = words(String.raw`${YEARLY}|om året|pr\.\s*år|per år|hvert år`);
const TOTAL = words(String.raw`samlet|samlede|i alt|ialt|totalt|sammenlagt`);
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
const PARTS = words(
  String.raw`heraf|hvoraf|deraf|fordelt\s+(?:p[åa]|med|således|mellem)|fordeles\s+(?:p[åa]|med|således)|består\s+af`,
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

function readPriceLevel(text: string): PriceLevel | undefined {
  const match = PRICE_LEVEL.exec(text);
  if (match?.groups === undefined) return undefined;
  if (match.groups.current !== undefined) return "løbende";
  const year = match.groups.year ?? match.groups.slash ?? match.groups.prices;
  return year === undefined ? undefined : Number(year);
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

function findMoney(sentence: string): Found[] {
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

/** Reads the context of each money figure in one sentence: basis, period, area, price level, recipient, parts. */
function readMoneyContext(sentence: string, money: Found[]): void {
  const sentenceArea = readArea(sentence);
  const sentencePriceLevel = readPriceLevel(sentence);
  const sentenceRecipient = RECIPIENT.exec(sentence)?.groups?.code;
  const grantLabel = /Bevilling\s+((?:19|20)\d\d)\s*:/u.exec(sentence)?.[1];
  const grantYear = grantLabel === undefined ? undefined : [Number(grantLabel)];
  let whole: number | undefined;
  let inParts = false;
  const wholesWithParts = new Set<number>();
  const fromSentence = new Map<number, { area: boolean; recipient: boolean }>();
  money.forEach((found, index) => {
    const next = money[index + 1];
    const segmentEnd = next === undefined ? sentence.length : next.start;
    const previousEnd = index === 0 ? 0 : (money[index - 1]?.end ?? 0);
    const own = sentence.slice(found.end, segmentEnd);
    const before = sentence.slice(previousEnd, found.start);
    const figure = found.figure;
    if (index > 0 && PARTS.test(before)) inParts = true;
    const wholeFigure = inParts && whole !== undefined ? money[whole]?.figure : undefined;
    const inherited: NonNullable<Figure["inherited"]> = [];
    figure.basis = readBasis(before, own);
    if (
      figure.basis === "unspecified" &&
      wholeFigure?.basis !== undefined &&
      wholeFigure.basis !== "unspecified"
    ) {
      figure.basis = wholeFigure.basis;
      inherited.push("basis");
    }
    const ownPeriod =
      readPeriod(withoutPriceLevels(own)) ??
      readPeriod(withoutPriceLevels(before), { leadingOnly: true });
    const period =
      ownPeriod ?? (wholeFigure === undefined ? undefined : wholeFigure.years) ?? grantYear;
    if (period !== undefined) figure.years = [...period];
    if (ownPeriod === undefined && period !== undefined && period.length > 0)
      inherited.push("years");
    const ownArea = readArea(own) ?? readArea(before.slice(-25));
    const area = ownArea ?? sentenceArea;
    if (area !== undefined) figure.area = area;
    if (ownArea === undefined && area !== undefined) inherited.push("area");
    const ownPriceLevel = readPriceLevel(own);
    const priceLevel = ownPriceLevel ?? sentencePriceLevel;
    if (priceLevel !== undefined) figure.priceLevel = priceLevel;
    if (ownPriceLevel === undefined && priceLevel !== undefined) inherited.push("priceLevel");
    const ownRecipient = RECIPIENT.exec(own)?.groups?.code;
    const recipient = ownRecipient ?? sentenceRecipient;
    if (recipient !== undefined) figure.recipient = recipient;
    if (ownRecipient === undefined && recipient !== undefined) inherited.push("recipient");
    if (inherited.length > 0) figure.inherited = inherited;
    fromSentence.set(index, { area: ownArea === undefined, recipient: ownRecipient === undefined });
    if (inParts && whole !== undefined) {
      figure.partOf = whole;
      wholesWithParts.add(whole);
    } else {
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
}

/**
 * Every figure in `text`, in order. Money figures carry amount (whole DKK), unit, decimals,
 * basis, years, area, price level, recipient and `partOf` (the index, within this result, of the
 * figure this one is a part of).
 */
export function extractFigures(text: string): TextFigure[] {
  const figures: TextFigure[] = [];
  for (const bounds of splitSentences(text)) {
    const sentence = text.slice(bounds.start, bounds.end);
    const money = findMoney(sentence);
    readMoneyContext(sentence, money);
    const others = findOtherNumbers(sentence, money);
    const base = figures.length;
    const moneyIndex = new Map(money.map((found, index) => [index, found]));
    const all = [...money, ...others].sort((left, right) => left.start - right.start);
    const positions = new Map(all.map((found, index) => [found, base + index]));
    for (const found of all) {
      const figure: TextFigure = {
        ...found.figure,
        start: bounds.start + found.start,
        end: bounds.start + found.end,
        sentence: { text: sentence.trim(), start: bounds.start, end: bounds.end },
      };
      if (found.figure.partOf !== undefined) {
        const whole = moneyIndex.get(found.figure.partOf);
        const wholePosition = whole === undefined ? undefined : positions.get(whole);
        if (wholePosition === undefined) delete figure.partOf;
        else figure.partOf = wholePosition;
      }
      figures.push(figure);
    }
  }
  return figures;
}
