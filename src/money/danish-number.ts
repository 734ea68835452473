/**
 * Danish numerals: dot thousands separators, decimal comma ("3.150.000", "5,7", "11.000").
 * The one place a Danish number is read or written; money, tables and counts all use it.
 */

/**
 * A Danish number as written: optional sign, digit groups with dots, optional decimal comma. At most
 * 15 integer and 12 decimal digits, and never the middle of a longer digit run: a run of a million
 * digits is no number, and reading it takes linear time, not quadratic.
 */
export const DANISH_NUMBER_SOURCE = String.raw`(?<!\d)(?:[-−÷]?\d{1,3}(?:\.\d{3}){1,6}(?:,\d{1,12})?|[-−÷]?\d{1,15}(?:,\d{1,12})?)(?![\d])`;
const DANISH_NUMBER = new RegExp(`^(?:${DANISH_NUMBER_SOURCE})$`);

export type DanishNumber = {
  value: number;
  /** Digits after the decimal comma. */
  decimals: number;
  /** Whether dot thousands separators were used. */
  grouped: boolean;
};

/** Reads a Danish number ("3.150.000", "5,7", "-1.200", "÷ 300"); undefined when it is not one. */
export function parseDanishNumber(written: string): DanishNumber | undefined {
  const compact = written.trim().replace(/^([-−÷])\s+/, "$1");
  if (!DANISH_NUMBER.test(compact)) return undefined;
  const negative = /^[-−÷]/.test(compact);
  const unsigned = negative ? compact.slice(1) : compact;
  const [integerPart = "", decimalPart = ""] = unsigned.split(",");
  const value = Number(`${integerPart.replace(/\./g, "")}${decimalPart ? `.${decimalPart}` : ""}`);
  if (!Number.isFinite(value)) return undefined;
  return {
    value: negative ? -value : value,
    decimals: decimalPart.length,
    grouped: integerPart.includes("."),
  };
}

/** Most decimals written (a figure read with hundreds of decimals is written with this many). */
const MAX_DECIMALS = 20;

/** Writes a number the Danish way with a fixed number of decimals: 5700000 → "5.700.000", 5.7 → "5,7". */
export function formatDanishNumber(value: number, decimals = 0): string {
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(Math.min(Math.max(Math.trunc(decimals), 0), MAX_DECIMALS));
  const [integerPart = "0", decimalPart] = fixed.split(".");
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${negative ? "-" : ""}${grouped}${decimalPart ? `,${decimalPart}` : ""}`;
}
