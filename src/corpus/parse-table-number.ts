/**
 * Reads one cell of a budget-note table: Danish numbers with dot thousands separators and a
 * decimal comma ("11.000", "1.475", "2,5", "1600"), negatives written "-1.200", "−1.200" or
 * "÷1.200", and "-" for an empty cell.
 */

const TABLE_NUMBER = /^([-−÷])?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
/** A cell that means "nothing here". En dashes are left out: they join appropriation names ("3000 – Udsatte"). */
const EMPTY_CELLS = new Set(["-"]);

/**
 * The value of a table cell in the table's own unit: a number, `null` for an empty-cell dash,
 * or `undefined` when the token is not a table number (a label word, "35.10", "(50").
 */
export function parseTableNumber(token: string): number | null | undefined {
  if (EMPTY_CELLS.has(token)) return null;
  const match = TABLE_NUMBER.exec(token);
  if (match === null) return undefined;
  const [, sign, whole = "", fraction] = match;
  const magnitude = Number(whole.replaceAll(".", "") + (fraction === undefined ? "" : `.${fraction}`));
  return sign === undefined ? magnitude : -magnitude;
}
