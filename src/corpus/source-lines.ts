/** The lines of a raw source text with their raw offsets: what the line-based layout parsers read. */

/** One line: raw offsets (without the newline and a trailing "\r"), its text and its 0-based number. */
export type SourceLine = { start: number; end: number; text: string; index: number };

/** Splits a raw text into lines on "\n", dropping a "\r" before it; an empty text is one empty line. */
export function splitSourceLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  let index = 0;
  while (start <= source.length) {
    const newline = source.indexOf("\n", start);
    const end = newline === -1 ? source.length : newline;
    const text = source.slice(start, end).replace(/\r$/, "");
    lines.push({ start, end: start + text.length, text, index });
    index += 1;
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}
