/**
 * Reads one cell of a budget-note table: Danish numbers with dot thousands separators and a
 * decimal comma ("11.000", "1.475", "2,5", "1600"), negatives written "-1.200", "−1.200" or
 * "÷1.200", and "-" for an empty cell.
 */
import { parseDanishNumber } from "../money/danish-number.ts";

/** A cell that means "nothing here". En dashes are left out: they join appropriation names ("3000 – Udsatte"). */
const EMPTY_CELLS = new Set(["-"]);

/**
 * The value of a table cell in the table's own unit: a number, `null` for an empty-cell dash,
 * or `undefined` when the token is not a table number (a label word, "35.10", "(50").
 * A cell is one token: white space (which parseDanishNumber allows around it) makes it no number.
 */
export function parseTableNumber(token: string): number | null | undefined {
  if (EMPTY_CELLS.has(token)) return null;
  if (/\s/u.test(token)) return undefined;
  return parseDanishNumber(token)?.value;
}
