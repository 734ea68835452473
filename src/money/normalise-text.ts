/**
 * Text as the money grammar reads it: Unicode NFKC (full-width digits and letters, ligatures),
 * invisible characters removed (zero-width space and joiners, word joiner, soft hyphen, byte-order
 * mark), digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali …) as 0-9, and letters
 * that look Latin in a Latin word (Cyrillic "о" in "miо.", Greek "Α") as the Latin letter. Every
 * offset of the normalised text maps back to the raw text, so spans still point at what was
 * written; `changed` says which raw ranges needed normalising. Linear time in the text's length.
 */

/** Zero-width and other invisible format characters (Unicode Cf) and the soft hyphen. */
const INVISIBLE_FORMAT = /^\p{Cf}$/u;
const OTHER_INVISIBLE = new Set([
  0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x3164, 0xffa0,
]);
const isInvisible = (group: string): boolean =>
  INVISIBLE_FORMAT.test(group) || OTHER_INVISIBLE.has(group.codePointAt(0) ?? -1);
const COMBINING = /^\p{M}$/u;
/** Cyrillic and Greek letters that look like Latin ones. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ӏ: "l",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  І: "I",
  Ј: "J",
  Ѕ: "S",
  α: "a",
  ο: "o",
  ι: "i",
  κ: "k",
  ν: "v",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};
const DECIMAL_DIGIT = /^\p{Nd}$/u;
/** Zero of every decimal-digit block in the BMP that Unicode lays out as 0-9 in a row. */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66,
  0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
  0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
];

function asciiDigit(char: string): string | undefined {
  if (!DECIMAL_DIGIT.test(char)) return undefined;
  const code = char.codePointAt(0) ?? 0;
  for (const zero of DIGIT_ZEROS) if (code >= zero && code <= zero + 9) return String(code - zero);
  return undefined;
}

export type NormalisedText = {
  text: string;
  /** Raw offset of each normalised offset (length text.length + 1). */
  toRaw: Int32Array;
  /** Raw ranges whose characters were changed or removed, in order. */
  changed: Array<{ start: number; end: number }>;
};

const isLatinLetter = (char: string | undefined): boolean =>
  char !== undefined && /^[\p{Script=Latin}]$/u.test(char);

/** Normalises `raw` for reading; see the file comment. */
export function normaliseText(raw: string): NormalisedText {
  const out: string[] = [];
  const starts: number[] = [];
  const changed: Array<{ start: number; end: number }> = [];
  const chars = Array.from(raw);
  let offset = 0;
  let lengthOut = 0;
  const mark = (start: number, end: number) => {
    const last = changed[changed.length - 1];
    if (last !== undefined && last.end === start) last.end = end;
    else changed.push({ start, end });
  };
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index] as string;
    let group = char;
    while (index + 1 < chars.length && COMBINING.test(chars[index + 1] as string)) {
      index += 1;
      group += chars[index] as string;
    }
    const start = offset;
    offset += group.length;
    if (group.length <= 2 && isInvisible(group)) {
      mark(start, offset);
      continue;
    }
    // "…" stays one character: NFKC's "..." would read as sentence ends.
    let written = group === "…" ? group : group.normalize("NFKC");
    const digit = asciiDigit(written);
    if (digit !== undefined) written = digit;
    const latin = LOOK_ALIKES[written];
    if (
      latin !== undefined &&
      (isLatinLetter(chars[index - 1]) ||
        isLatinLetter(chars[index + 1]) ||
        /^[\s\d.,]?$/u.test(chars[index + 1] ?? ""))
    )
      written = latin;
    const spaceOnly = /^\s+$/u.test(group) && /^\s+$/u.test(written);
    if (written !== group && written !== group.normalize("NFC") && !spaceOnly) mark(start, offset);
    for (let position = 0; position < written.length; position += 1) {
      out.push(written[position] as string);
      starts.push(start);
    }
    lengthOut += written.length;
  }
  const toRaw = new Int32Array(lengthOut + 1);
  for (let position = 0; position < lengthOut; position += 1)
    toRaw[position] = starts[position] ?? 0;
  toRaw[lengthOut] = raw.length;
  return { text: out.join(""), toRaw, changed };
}

/** The raw span of a normalised span; an end maps to the end of the last raw character read. */
export function rawSpan(
  normalised: NormalisedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const rawStart = normalised.toRaw[start] ?? 0;
  if (end <= start) return { start: rawStart, end: rawStart };
  const lastChar = normalised.toRaw[end - 1] ?? rawStart;
  const nextRaw = normalised.toRaw[end] ?? lastChar + 1;
  // The end is the start of the next read character, minus removed characters before it.
  let rawEnd = nextRaw;
  for (const range of normalised.changed) {
    if (range.start >= lastChar + 1 && range.end === nextRaw && range.start < nextRaw) {
      rawEnd = range.start;
      break;
    }
  }
  return { start: rawStart, end: Math.max(rawEnd, lastChar + 1) };
}

/** Whether any raw character in [start, end) needed normalising. */
export function needsNormalising(normalised: NormalisedText, start: number, end: number): boolean {
  return normalised.changed.some((range) => range.start < end && range.end > start);
}
