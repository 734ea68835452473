/**
 * Text from positioned PDF text items, in the layouts the parsers read: items grouped into lines
 * by baseline; a blank line where the vertical gap shows a new paragraph; repeated page headers and
 * footers removed; a two-column stretch of a page (the annex card's "Beskrivelse af udløb" |
 * "Faglig vurdering af videreførelse") read as its left column, then its right column.
 * Pure: no PDF library here, so it is tested on items directly.
 */

/** One text item as pdf.js gives it: `x`, `y` the baseline origin in PDF units (y grows upwards). */
export type PdfTextItem = { text: string; x: number; y: number; width: number; height: number };

export type PdfPageItems = { number: number; width: number; height: number; items: PdfTextItem[] };

export type PdfLine = { y: number; size: number; items: PdfTextItem[] };

/** One page of text: its lines as strings (blank strings are paragraph breaks). */
export type PageText = { number: number; lines: string[]; twoColumn: boolean };

export type PageLayoutOptions = {
  /**
   * Lines that look like a repeated header but carry structure a parser needs (the annex's
   * "Københavns Kommune" opens each card): never removed.
   */
  keepLine?: (text: string) => boolean;
};

/** The annex card's page header, which opens each card in the annex-cards layout. */
export const CARD_PAGE_HEADER = /^\s*K\S{1,3}benhavns\s+Kommune\s*$/u;
/** Lines of the annex-cards layout that repeat on every card page but carry its structure. */
const CARD_STRUCTURE =
  /^\s*(?:K\S{1,3}benhavns\s+Kommune|N[rt]\s*\.?\s*\S{1,3}|Beskrivelse\s+af\s+ud\S*|Faglig\s+vurdering\s+af\s+videre\S*)\s*$/u;

const LETTER_WORD = /\p{L}{2,}/gu;

function wordCount(text: string): number {
  return text.match(LETTER_WORD)?.length ?? 0;
}

/** Groups items into lines, top to bottom, each line's items left to right. Whitespace-only items are dropped. */
export function groupLines(items: readonly PdfTextItem[]): PdfLine[] {
  const visible = items
    .filter((item) => item.text.trim() !== "")
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfLine[] = [];
  for (const item of visible) {
    const size = Math.max(item.height, 1);
    const line = lines.at(-1);
    if (
      line !== undefined &&
      Math.abs(line.y - item.y) <= Math.max(1.5, 0.4 * Math.min(size, line.size))
    ) {
      line.items.push(item);
      line.size = Math.max(line.size, size);
    } else {
      lines.push({ y: item.y, size, items: [item] });
    }
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** The text of items on one line: a space where the gap between two items is wider than a sliver. */
export function itemsText(items: readonly PdfTextItem[]): string {
  let text = "";
  let previous: PdfTextItem | undefined;
  for (const item of items) {
    if (previous !== undefined) {
      const gap = item.x - (previous.x + previous.width);
      if (
        gap > 0.15 * Math.max(previous.height, 1) &&
        !/\s$/u.test(text) &&
        !/^\s/u.test(item.text)
      )
        text += " ";
    }
    text += item.text;
    previous = item;
  }
  return text.replace(/\s+$/u, "");
}

/** Lines as text, with a blank line where the gap to the previous line is a paragraph break. */
function linesText(lines: readonly { y: number; size: number; text: string }[]): string[] {
  const out: string[] = [];
  let previous: { y: number; size: number } | undefined;
  for (const line of lines) {
    if (
      previous !== undefined &&
      previous.y - line.y > 1.6 * Math.max(previous.size, line.size) &&
      out.at(-1) !== ""
    )
      out.push("");
    out.push(line.text);
    previous = line;
  }
  return out;
}

type Cluster = { x0: number; x1: number; items: PdfTextItem[] };

/** Splits a line's items where the gap is wider than a column gutter. */
function clusters(line: PdfLine): Cluster[] {
  const result: Cluster[] = [];
  for (const item of line.items) {
    const last = result.at(-1);
    const gutter = Math.max(12, 1.5 * line.size);
    if (last !== undefined && item.x - last.x1 <= gutter) {
      last.items.push(item);
      last.x1 = Math.max(last.x1, item.x + item.width);
    } else {
      result.push({ x0: item.x, x1: item.x + item.width, items: [item] });
    }
  }
  return result;
}

const HALF_HEADINGS = /Beskrivelse\s+af\s+ud\S*|Faglig\s+vurdering\s+af\s+videre\S*/u;

/**
 * Where a two-column stretch starts on a page: a line with exactly two clusters of words, the
 * right one starting near the middle of the page. Returns the x that divides the columns.
 */
function findColumnStart(
  lines: readonly PdfLine[],
  from: number,
  pageWidth: number,
): { index: number; splitX: number } | undefined {
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index];
    if (line === undefined) continue;
    const parts = clusters(line);
    const [left, right] = parts;
    if (parts.length !== 2 || left === undefined || right === undefined) continue;
    if (right.x0 < 0.3 * pageWidth || right.x0 > 0.7 * pageWidth) continue;
    if (wordCount(itemsText(left.items)) < 2 || wordCount(itemsText(right.items)) < 2) continue;
    return { index, splitX: right.x0 - 1 };
  }
  return undefined;
}

function crosses(line: PdfLine, splitX: number): boolean {
  return line.items.some((item) => item.x < splitX - 1 && item.x + item.width > splitX + 2);
}

type Region = { from: number; to: number; splitX: number };

/** The two-column regions of a page: from a column start while no line crosses the gutter. */
function columnRegions(lines: readonly PdfLine[], pageWidth: number): Region[] {
  const regions: Region[] = [];
  let from = 0;
  while (from < lines.length) {
    const start = findColumnStart(lines, from, pageWidth);
    if (start === undefined) break;
    let to = start.index;
    while (to < lines.length) {
      const line = lines[to];
      if (line === undefined || crosses(line, start.splitX) || clusters(line).length > 2) break;
      to += 1;
    }
    const region = { from: start.index, to, splitX: start.splitX };
    if (isProseColumns(lines, region)) {
      regions.push(region);
      from = to;
    } else {
      from = start.index + 1;
    }
  }
  return regions;
}

/**
 * Whether a region is two columns of prose, not a table: the annex halves' headings, or at least
 * three lines with words on each side. Number columns of a table do not count as words.
 */
function isProseColumns(lines: readonly PdfLine[], region: Region): boolean {
  let leftProse = 0;
  let rightProse = 0;
  let halves = false;
  for (let index = region.from; index < region.to; index += 1) {
    const line = lines[index];
    if (line === undefined) continue;
    const left = itemsText(line.items.filter((item) => item.x < region.splitX));
    const right = itemsText(line.items.filter((item) => item.x >= region.splitX));
    if (HALF_HEADINGS.test(left) && HALF_HEADINGS.test(right)) halves = true;
    if (wordCount(left) >= 3) leftProse += 1;
    if (wordCount(right) >= 3) rightProse += 1;
  }
  return halves || (leftProse >= 3 && rightProse >= 3);
}

/** A page's lines as text, each two-column region read left column first, then right column. */
export function pageText(
  page: PdfPageItems,
  lines: readonly PdfLine[] = groupLines(page.items),
): PageText {
  const regions = columnRegions(lines, page.width);
  const out: Array<{ y: number; size: number; text: string }> = [];
  const flush = (target: string[]) => {
    target.push(...linesText(out));
    out.length = 0;
  };
  const result: string[] = [];
  let cursor = 0;
  for (const region of regions) {
    for (; cursor < region.from; cursor += 1) {
      const line = lines[cursor];
      if (line !== undefined) out.push({ y: line.y, size: line.size, text: itemsText(line.items) });
    }
    flush(result);
    for (const side of ["left", "right"] as const) {
      if (result.length > 0 && result.at(-1) !== "") result.push("");
      for (let index = region.from; index < region.to; index += 1) {
        const line = lines[index];
        if (line === undefined) continue;
        const items = line.items.filter((item) =>
          side === "left" ? item.x < region.splitX : item.x >= region.splitX,
        );
        if (items.length > 0) out.push({ y: line.y, size: line.size, text: itemsText(items) });
      }
      flush(result);
    }
    if (result.at(-1) !== "") result.push("");
    cursor = region.to;
  }
  for (; cursor < lines.length; cursor += 1) {
    const line = lines[cursor];
    if (line !== undefined) out.push({ y: line.y, size: line.size, text: itemsText(line.items) });
  }
  flush(result);
  while (result.at(-1) === "") result.pop();
  return { number: page.number, lines: result, twoColumn: regions.length > 0 };
}

/** The key of a header or footer line: its text with digits as "#" (page numbers vary), and its height band. */
function marginKey(line: PdfLine): string {
  return `${Math.round(line.y / 3)}|${itemsText(line.items).replace(/\d+/gu, "#").replace(/\s+/gu, " ").trim()}`;
}

/**
 * Removes page headers and footers: lines in the top or bottom tenth of the page whose text
 * (digits aside) stands at the same height on most pages (at least two, and at least 60 %).
 * Returns the remaining lines per page and the removed header texts.
 */
export function removeRepeatedMargins(
  pages: readonly PdfPageItems[],
  options: PageLayoutOptions = {},
): { lines: PdfLine[][]; removed: string[] } {
  const keep = options.keepLine ?? ((text: string) => CARD_STRUCTURE.test(text));
  const perPage = pages.map((page) => groupLines(page.items));
  const inMargin = (line: PdfLine, page: PdfPageItems) =>
    line.y > page.height * 0.9 || line.y < page.height * 0.1;
  const counts = new Map<string, number>();
  perPage.forEach((lines, index) => {
    const page = pages[index];
    if (page === undefined) return;
    const keys = new Set(lines.filter((line) => inMargin(line, page)).map(marginKey));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const needed = Math.max(2, Math.ceil(0.6 * pages.length));
  const removed = new Set<string>();
  const lines = perPage.map((pageLines, index) => {
    const page = pages[index];
    if (page === undefined || pages.length < 2) return pageLines;
    return pageLines.filter((line) => {
      if (!inMargin(line, page) || (counts.get(marginKey(line)) ?? 0) < needed) return true;
      const text = itemsText(line.items);
      if (keep(text)) return true;
      removed.add(text.replace(/\d+/gu, "#"));
      return false;
    });
  });
  return { lines, removed: [...removed] };
}

/** Joins page texts into one text with a blank line between pages, and each page's span in it. */
export function joinPages(pages: readonly { number: number; lines: readonly string[] }[]): {
  text: string;
  pages: Array<{ number: number; start: number; end: number }>;
} {
  let text = "";
  const spans: Array<{ number: number; start: number; end: number }> = [];
  for (const page of pages) {
    if (text !== "") text += "\n\n";
    const start = text.length;
    text += page.lines.join("\n");
    spans.push({ number: page.number, start, end: text.length });
  }
  return { text: `${text}\n`, pages: spans };
}
