/**
 * The Danish money grammar: one amount as written ("5,7 mio. kr.", "3.150.000 kr.",
 * "2-300.000", "5.700 t.kr.") to whole kroner, and back. extractFigures builds on it.
 */
import type { AmountRange, MoneyUnit } from "../domain/index.ts";
import { DANISH_NUMBER_SOURCE, formatDanishNumber, parseDanishNumber } from "./danish-number.ts";

/** The unit words, longest first. "p/l" and "pct." are not units. */
const UNIT_SOURCE = String.raw`(?:mia\.?|milliard(?:er)?)\s*(?:kr\.?|kroner)?|(?:mio\.?|mill\.?|million(?:er)?)\s*(?:kr\.?|kroner)?|(?:t\.\s?kr\.?|tkr\.?|tusind(?:e)?\s+kr(?:\.|oner)?|1\.000\s*kr\.?)|kr(?:\.|oner\b)?`;

/** A money amount: a number or a range, then a unit. Ranges: "2-300.000", "5-10 mio. kr.", "2,5 til 3 mio. kr.". */
export const MONEY_SOURCE = String.raw`\[?(?<low>${DANISH_NUMBER_SOURCE})(?:\s?(?:-|–|til)\s?(?<high>${DANISH_NUMBER_SOURCE}))?\]?\s?-?\s?(?<unit>${UNIT_SOURCE})`;
/** A grouped number range with no unit ("2-300.000 årligt"); only money in a money context. */
export const BARE_AMOUNT_SOURCE = String.raw`(?<low>\d{1,3}(?:\.\d{3})*)(?:\s?(?:-|–)\s?(?<high>\d{1,3}(?:\.\d{3})+))`;

export type ParsedAmount = {
  amount: AmountRange;
  unit: MoneyUnit;
  /** Decimals written, in the unit written. */
  decimals: number;
};

/** Kroner per unit written: the one table of unit factors. */
export const UNIT_FACTORS: Readonly<Record<MoneyUnit, number>> = {
  "kr.": 1,
  "1.000 kr.": 1_000,
  "mio. kr.": 1_000_000,
  "mia. kr.": 1_000_000_000,
};

/** The unit whose factor is `factor` ("mio. kr." for 1.000.000); undefined for any other number. */
export function unitOfFactor(factor: number): MoneyUnit | undefined {
  return (Object.keys(UNIT_FACTORS) as MoneyUnit[]).find((unit) => UNIT_FACTORS[unit] === factor);
}

/** The unit an amount's unit words name. */
export function readMoneyUnit(words: string): MoneyUnit {
  const folded = words.toLowerCase().replace(/\s+/g, "");
  if (folded.startsWith("mia") || folded.startsWith("milliard")) return "mia. kr.";
  if (folded.startsWith("mio") || folded.startsWith("mill")) return "mio. kr.";
  if (
    folded.startsWith("t.kr") ||
    folded.startsWith("tkr") ||
    folded.startsWith("tusind") ||
    folded.startsWith("1.000")
  )
    return "1.000 kr.";
  return "kr.";
}

/**
 * The lower end of a range written with a shared magnitude: in "2-300.000" the 2 means 200.000.
 * Only when the high end has thousands groups and the low end has none and fewer digits.
 */
function scaleLowEnd(lowWritten: string, low: number, highWritten: string, high: number): number {
  if (lowWritten.includes(".") || lowWritten.includes(",") || !highWritten.includes("."))
    return low;
  if (low >= high) return low;
  const lowDigits = lowWritten.replace(/^[-−÷]/, "").length;
  const shift = highWritten.replace(/[^\d]/g, "").length - lowDigits;
  const scaled = low * 10 ** Math.max(0, shift);
  return scaled < high ? scaled : low;
}

/**
 * Half a step of the last digit written, in kroner: "5,7 mio. kr." → 50.000, "11 mio. kr." →
 * 500.000. The one rounding rule: a figure agrees with an amount within this much.
 */
export function halfStep(written: {
  unit?: MoneyUnit | undefined;
  decimals?: number | undefined;
}): number {
  return UNIT_FACTORS[written.unit ?? "kr."] / 10 ** (written.decimals ?? 0) / 2;
}

/**
 * Kroner per unit named in a header or unit cell ("mio. kr." 1.000.000, "1.000 kr." / "t.kr." /
 * "tusinde kr." 1.000, "kr." / "DKK" 1); undefined when it names no unit.
 */
export function readUnitFactor(text: string): number | undefined {
  const value = text.toLowerCase();
  if (/\bmia\.?\s*kr/u.test(value)) return UNIT_FACTORS["mia. kr."];
  if (/\bmio\.?\s*kr/u.test(value) || /\bmio\b/u.test(value)) return UNIT_FACTORS["mio. kr."];
  if (/\b1\.000\s*kr|\bt\.\s*kr|\btkr|\btusind/u.test(value)) return UNIT_FACTORS["1.000 kr."];
  if (/\bkr\b|\bdkk\b/u.test(value)) return UNIT_FACTORS["kr."];
  return undefined;
}

/** The unit a header or unit cell names ("1.000 kr., 2023 p/l" → "1.000 kr."); undefined when none. */
export function readUnitNamed(text: string): MoneyUnit | undefined {
  const factor = readUnitFactor(text);
  return factor === undefined ? undefined : unitOfFactor(factor);
}

/** "mio. kr." and "mia. kr.": units the department writes with at least one decimal ("5,0 mio. kr."). */
export function isMillionsUnit(unit: MoneyUnit | undefined): unit is "mio. kr." | "mia. kr." {
  return unit === "mio. kr." || unit === "mia. kr.";
}

/** The fewest decimals an amount is written with in `unit`: 1 in millions and billions, else 0. */
export function leastDecimals(unit: MoneyUnit | undefined): number {
  return isMillionsUnit(unit) ? 1 : 0;
}

/** Whole kroner from a value in a unit, rounded to the krone. */
export function toKroner(value: number, unit: MoneyUnit): number {
  return Math.round(value * UNIT_FACTORS[unit]);
}

/** Reads the parts of a money match (low, optional high, unit words) into whole kroner. */
export function readAmount(
  lowWritten: string,
  highWritten: string | undefined,
  unitWords: string | undefined,
): ParsedAmount | undefined {
  const low = parseDanishNumber(lowWritten);
  if (low === undefined) return undefined;
  const unit = unitWords === undefined ? "kr." : readMoneyUnit(unitWords);
  if (highWritten === undefined) {
    const kroner = toKroner(low.value, unit);
    return { amount: { min: kroner, max: kroner }, unit, decimals: low.decimals };
  }
  const high = parseDanishNumber(highWritten);
  if (high === undefined) return undefined;
  const lowValue = scaleLowEnd(lowWritten, low.value, highWritten, high.value);
  const min = toKroner(Math.min(lowValue, high.value), unit);
  const max = toKroner(Math.max(lowValue, high.value), unit);
  return { amount: { min, max }, unit, decimals: Math.max(low.decimals, high.decimals) };
}

const MONEY_EXACT = new RegExp(`^\\s*${MONEY_SOURCE}\\s*$`, "i");
const BARE_EXACT = new RegExp(`^\\s*${BARE_AMOUNT_SOURCE}\\s*$`);

/** Parses one amount as written, e.g. "5,7 mio. kr." → 5.700.000 kr.; undefined when it is not money. */
export function parseDanishAmount(written: string): ParsedAmount | undefined {
  const match = MONEY_EXACT.exec(written) ?? BARE_EXACT.exec(written);
  const groups = match?.groups;
  if (groups?.low === undefined) return undefined;
  return readAmount(groups.low, groups.high, groups.unit);
}

const WRITTEN_NUMBER = new RegExp(
  `^\\s*\\[?(?<low>${DANISH_NUMBER_SOURCE})(?:\\s?(?:-|–|til)\\s?(?<high>${DANISH_NUMBER_SOURCE}))?`,
);

/**
 * The amount as it would read in another unit: "5,7 kr." as mio. kr. is 5.700.000 kr. Used to tell
 * a wrong unit from a wrong number. OCR's point for a decimal comma ("2.8 mio.") is read as a comma.
 */
export function parseDanishAmountAs(written: string, unit: MoneyUnit): ParsedAmount | undefined {
  const groups = WRITTEN_NUMBER.exec(
    written.replace(/^(\s*\d{1,3})\.(\d{1,2})(?!\d)/u, "$1,$2"),
  )?.groups;
  if (groups?.low === undefined) return undefined;
  return readAmount(groups.low, groups.high, unit);
}

export type FormatAmountOptions = {
  /** Unit to write in; by default mio. kr. from 100.000 kr. up, else kr. */
  unit?: MoneyUnit;
  /** Decimals in that unit; by default 1 for mio. kr. and 0 otherwise. */
  decimals?: number;
};

/** Writes whole kroner the department's way: 5700000 → "5,7 mio. kr.", 300000 → "0,3 mio. kr.". */
export function formatDanishAmount(kroner: number, options: FormatAmountOptions = {}): string {
  const unit = options.unit ?? (Math.abs(kroner) >= 100_000 ? "mio. kr." : "kr.");
  const decimals = options.decimals ?? leastDecimals(unit);
  return `${formatDanishNumber(kroner / UNIT_FACTORS[unit], decimals)} ${unit}`;
}

/** Whether `kroner` rounds to `written` at the precision it was written with ("5,7 mio." ~ 5.712.000). */
export function agreesAtPrecision(kroner: number, written: ParsedAmount): boolean {
  const half = halfStep(written);
  return kroner >= written.amount.min - half - 1e-6 && kroner < written.amount.max + half - 1e-6;
}
