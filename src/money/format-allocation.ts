/**
 * The project's one formatter of allocation data into the department's Danish: a line becomes
 * "5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030". Drafts, validator messages and
 * the tests' generated statements all use it, so the money grammar can read back what it writes.
 */
import type { Allocation, AllocationLine } from "../domain/index.ts";
import { formatDanishAmount } from "./danish-amount.ts";
import { formatPeriod } from "./period.ts";

/** The years of a line with their amounts, ascending. */
export function lineYears(line: AllocationLine): Array<{ year: number; amount: number }> {
  return Object.entries(line.amounts)
    .map(([year, amount]) => ({ year: Number(year), amount }))
    .sort((left, right) => left.year - right.year);
}

/** Groups consecutive years with the same amount: [{ amount, years }]. */
export function amountRuns(line: AllocationLine): Array<{ amount: number; years: number[] }> {
  const runs: Array<{ amount: number; years: number[] }> = [];
  for (const { year, amount } of lineYears(line)) {
    const last = runs[runs.length - 1];
    const previousYear = last?.years[last.years.length - 1];
    if (last !== undefined && last.amount === amount && previousYear === year - 1)
      last.years.push(year);
    else runs.push({ amount, years: [year] });
  }
  return runs;
}

export type FormatLineOptions = {
  priceLevel?: number | undefined;
  /** Decimals in mio. kr.; 1 by default, as the department writes. */
  decimals?: number;
  /** Leave out the price level (when the sentence states it once). */
  omitPriceLevel?: boolean;
};

/** One line in Danish; years with different amounts become "x mio. kr. i 2027 og y mio. kr. årligt i 2028-2030". */
export function formatAllocationLine(
  line: AllocationLine,
  options: FormatLineOptions = {},
): string {
  const priceLevel =
    options.omitPriceLevel === true || options.priceLevel === undefined
      ? ""
      : ` (${options.priceLevel} p/l)`;
  const recipient = line.recipient === undefined ? "" : ` til ${line.recipient}`;
  const parts = amountRuns(line).map(({ amount, years }) => {
    const written = formatDanishAmount(amount, {
      unit: "mio. kr.",
      decimals: options.decimals ?? 1,
    });
    return years.length > 1
      ? `${written} årligt${priceLevel}${recipient} på ${line.area} i ${formatPeriod(years)}`
      : `${written}${priceLevel}${recipient} på ${line.area} i ${formatPeriod(years)}`;
  });
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} og ${parts[parts.length - 1] ?? ""}`;
}

/** The economy sentence of a proposal: "Der foreslås 5,7 mio. kr. årligt (2027 p/l) til BIF på service i 2027-2030." */
export function formatAllocation(allocation: Allocation, lead = "Der foreslås"): string {
  const lines = allocation.lines.map((line) =>
    formatAllocationLine(line, { priceLevel: allocation.priceLevel }),
  );
  const joined =
    lines.length <= 1
      ? (lines[0] ?? "")
      : `${lines.slice(0, -1).join(", ")} og ${lines[lines.length - 1] ?? ""}`;
  return `${lead} ${joined}.`;
}
