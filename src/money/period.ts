/** Periods in Danish: "i 2027-2030", "i 2027 og 2028", "fra 2023 til 2026", "2024-26", "første halvår af 2027". */

const YEAR = String.raw`(?:19|20)\d\d`;
const SHORT = String.raw`\d\d`;
const PERIOD = new RegExp(
  String.raw`(?:\b(?:i|fra|for|over|perioden|årene|budget(?:året|årene)?)\s+)?(?:(?:første|andet|sidste)\s+halvår\s+(?:af\s+)?)?(?:perioden\s+)?` +
    String.raw`(?<from>${YEAR})(?:\s*(?:-|–|til)\s*(?<to>${YEAR}|${SHORT}\b)|(?<list>(?:\s*,\s*${YEAR})*\s+[o0]g\s+${YEAR}))?`,
  "iu",
);
const YEARS = new RegExp(YEAR, "gu");
const LEADING = new RegExp(
  String.raw`(?:^|[\s,(])(?:i|I|fra|Fra)\s+(?<from>${YEAR})(?:\s*(?:-|–|til)\s*(?<to>${YEAR}|${SHORT}\b))?(?!\d)`,
  "u",
);

export type ReadPeriodOptions = {
  /** Only a period introduced by "i"/"fra" counts ("I 2023 udmøntes …"); "budget 2023" does not. */
  leadingOnly?: boolean;
};

function expand(from: number, to: number): number[] {
  if (to < from || to - from > 30) return [from];
  return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}

/** The first period a text names, as a list of years; undefined when it names none. */
export function readPeriod(text: string, options: ReadPeriodOptions = {}): number[] | undefined {
  const match = (options.leadingOnly === true ? LEADING : PERIOD).exec(text);
  const groups = match?.groups;
  if (match === null || groups?.from === undefined) return undefined;
  if (
    options.leadingOnly !== true &&
    /budget\s*$/iu.test(text.slice(0, match.index + match[0].indexOf(groups.from)))
  ) {
    return readPeriod(text.slice(match.index + match[0].length), options);
  }
  const from = Number(groups.from);
  if (groups.to !== undefined) {
    const to =
      groups.to.length === 2 ? Math.floor(from / 100) * 100 + Number(groups.to) : Number(groups.to);
    return expand(from, to);
  }
  if (groups.list !== undefined) {
    const years = [from, ...Array.from(groups.list.matchAll(YEARS), (year) => Number(year[0]))];
    return [...new Set(years)].sort((left, right) => left - right);
  }
  return [from];
}

/** Writes years as the department does: [2027,2028,2029,2030] → "2027-2030", [2027,2028] → "2027 og 2028". */
export function formatPeriod(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((left, right) => left - right);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return "";
  if (sorted.length === 1) return String(first);
  const contiguous = last - first === sorted.length - 1;
  if (contiguous && sorted.length > 2) return `${first}-${last}`;
  return `${sorted.slice(0, -1).join(", ")} og ${last}`;
}
