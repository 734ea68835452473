/**
 * What exports do to text they did not write themselves (card text, notes, names, titles), so that
 * opening an export never runs anything: spreadsheet cells that a spreadsheet would read as a
 * formula, and Markdown that a renderer would turn into raw HTML or a link.
 */

/** The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/**
 * A text cell safe for CSV and XLSX: one starting with = + - @ tab or CR gets a leading apostrophe
 * (shown as text, not evaluated). Numbers are left alone: pass only text cells.
 */
export function escapeSpreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The original text of a cell escaped by escapeSpreadsheetText (for reading an export back). */
export function unescapeSpreadsheetText(text: string): string {
  // A CSV reader may have turned the CR into a line feed.
  return /^'[=+\-@\t\r\n]/u.test(text) ? text.slice(1) : text;
}

/**
 * Text for a Markdown line without raw HTML or links: "<" becomes "&lt;" (no tags, no autolinks),
 * and the bracket pairs that make inline links, images and reference links lose their meaning.
 * The text still reads the same when rendered.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/&(?=#?\w+;)/gu, "&amp;")
    .replace(/</gu, "&lt;")
    .replace(/\]\(/gu, "]\\(")
    .replace(/\]\[/gu, "]\\[")
    .replace(/^(\s*)\[([^\]\n]*)\]:/gmu, "$1\\[$2]:");
}
