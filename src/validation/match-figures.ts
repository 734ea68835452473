/**
 * Matches each money figure of a text to the allocation data: every line and run of years is an
 * explanation (per year, or the total over its years), a figure split into parts may also be
 * explained by the sum of several lines, and each figure takes the explanation with the fewest
 * disagreements. The disagreements of that best explanation are what the validator reports.
 */
import type { Allocation, Area, PriceLevel, ValidationCode } from "../domain/index.ts";
import { MONEY_UNITS } from "../domain/index.ts";
import type { ParsedAmount, TextFigure } from "../money/index.ts";
import { agreesAtPrecision, lineYears, parseDanishAmountAs } from "../money/index.ts";

/** One way the allocation data could account for a money figure. */
export type Explanation = {
  /** Identity for "already explained by another figure". */
  key: string;
  /** Allocation line indexes (several for a sum of lines). */
  lines: number[];
  years: number[];
  basis: "per_year" | "total";
  /** Whole DKK: the amount per year, or the total over `years`. */
  expected: number;
  areas: Area[];
  recipients: string[];
};

/** One field where a figure and an explanation disagree. */
export type Disagreement = {
  code: Extract<
    ValidationCode,
    | "amount_mismatch"
    | "unit_error"
    | "period_mismatch"
    | "basis_confusion"
    | "area_mismatch"
    | "price_level_mismatch"
    | "recipient_mismatch"
  >;
  /** Weight when choosing the best explanation. */
  cost: number;
  /** False for weak evidence (a field read from the rest of the sentence) that only steers the choice. */
  reported: boolean;
};

export type FigureMatch = {
  explanation: Explanation;
  disagreements: Disagreement[];
  /** The explanation already accounts for another figure without disagreement. */
  claimedByOther: boolean;
  /** A part of a whole that matched the data, where the data has no line for the part itself. */
  split: boolean;
  /** Matches nothing: the amount is wrong and something else too, or the line is another figure's. */
  unmatched: boolean;
};

const COST: Record<Disagreement["code"], number> = {
  amount_mismatch: 1.5,
  unit_error: 1.2,
  period_mismatch: 1,
  basis_confusion: 1,
  area_mismatch: 1,
  price_level_mismatch: 1,
  recipient_mismatch: 1,
};
const WEAK_COST = 0.25;
const CLAIMED_COST = 2;
const TIE_BREAK_COST = 0.1;

function explainSeries(
  key: string,
  lines: number[],
  series: Array<{ year: number; amount: number }>,
  areas: Area[],
  recipients: string[],
): Explanation[] {
  const explanations: Explanation[] = [];
  const runs: Array<{ amount: number; years: number[] }> = [];
  for (const { year, amount } of series) {
    const last = runs[runs.length - 1];
    const previous = last?.years[last.years.length - 1];
    if (last !== undefined && last.amount === amount && previous === year - 1)
      last.years.push(year);
    else runs.push({ amount, years: [year] });
  }
  for (const run of runs) {
    const runKey = `${key}:${run.years.join(",")}`;
    explanations.push({
      key: `${runKey}:year`,
      lines,
      years: run.years,
      basis: "per_year",
      expected: run.amount,
      areas,
      recipients,
    });
    if (run.years.length > 1)
      explanations.push({
        key: `${runKey}:total`,
        lines,
        years: run.years,
        basis: "total",
        expected: run.amount * run.years.length,
        areas,
        recipients,
      });
  }
  if (runs.length > 1) {
    explanations.push({
      key: `${key}:all:total`,
      lines,
      years: series.map(({ year }) => year),
      basis: "total",
      expected: series.reduce((sum, { amount }) => sum + amount, 0),
      areas,
      recipients,
    });
  }
  return explanations;
}

function recipientsOf(allocation: Allocation, line: number): string[] {
  const data = allocation.lines[line];
  if (data === undefined) return [];
  return [data.recipient, data.committee].filter((value): value is string => value !== undefined);
}

/** Every single-line explanation of the allocation: each run of equal years per year, and totals. */
export function explainAllocation(allocation: Allocation): Explanation[] {
  return allocation.lines.flatMap((line, index) =>
    explainSeries(
      `line${index}`,
      [index],
      lineYears(line),
      [line.area],
      recipientsOf(allocation, index),
    ),
  );
}

/** Explanations by the sum of several lines, year by year (a whole split into parts). */
export function explainSum(allocation: Allocation, lines: readonly number[]): Explanation[] {
  const totals = new Map<number, number>();
  for (const index of lines) {
    const line = allocation.lines[index];
    if (line === undefined) continue;
    for (const { year, amount } of lineYears(line))
      totals.set(year, (totals.get(year) ?? 0) + amount);
  }
  const series = [...totals.entries()]
    .map(([year, amount]) => ({ year, amount }))
    .sort((left, right) => left.year - right.year);
  const areas = [...new Set(lines.flatMap((index) => allocation.lines[index]?.area ?? []))];
  const recipients = [...new Set(lines.flatMap((index) => recipientsOf(allocation, index)))];
  return explainSeries(`sum${lines.join("+")}`, [...lines], series, areas, recipients);
}

function sameYears(left: readonly number[], right: readonly number[]): boolean {
  return left.length === right.length && left.every((year, index) => year === right[index]);
}

function writtenAmount(figure: TextFigure): ParsedAmount | undefined {
  if (figure.amount === undefined || figure.unit === undefined) return undefined;
  return { amount: figure.amount, unit: figure.unit, decimals: figure.decimals ?? 0 };
}

/** Whether the figure's number would agree in another unit ("5,7 kr." for 5,7 mio. kr.). */
function agreesInOtherUnit(figure: TextFigure, kroner: number): boolean {
  return MONEY_UNITS.some((unit) => {
    if (unit === figure.unit) return false;
    const reread = parseDanishAmountAs(figure.text, unit);
    // "0 kr." would agree with anything read in milliards; a unit error needs a number that is not zero.
    return reread !== undefined && reread.amount.min > 0 && agreesAtPrecision(kroner, reread);
  });
}

/** The fields where `figure` and `explanation` disagree. */
export function compareFigure(
  figure: TextFigure,
  explanation: Explanation,
  priceLevel: PriceLevel | undefined,
): Disagreement[] {
  const disagreements: Disagreement[] = [];
  const inherited = new Set(figure.inherited ?? []);
  const add = (code: Disagreement["code"], weak = false) =>
    disagreements.push({ code, cost: weak ? WEAK_COST : COST[code], reported: !weak });
  const written = writtenAmount(figure);
  if (written !== undefined && !agreesAtPrecision(explanation.expected, written)) {
    add(agreesInOtherUnit(figure, explanation.expected) ? "unit_error" : "amount_mismatch");
  }
  if (
    explanation.years.length > 1 &&
    figure.basis !== undefined &&
    figure.basis !== "unspecified" &&
    figure.basis !== explanation.basis
  )
    add("basis_confusion");
  if (figure.years.length > 0 && !sameYears(figure.years, explanation.years))
    add("period_mismatch");
  if (figure.area !== undefined && !explanation.areas.includes(figure.area))
    add("area_mismatch", inherited.has("area"));
  if (figure.priceLevel !== undefined && figure.priceLevel !== (priceLevel ?? "løbende"))
    add("price_level_mismatch");
  if (
    figure.recipient !== undefined &&
    explanation.recipients.length > 0 &&
    !explanation.recipients.includes(figure.recipient)
  ) {
    add("recipient_mismatch", inherited.has("recipient"));
  }
  return disagreements;
}

const costOf = (disagreements: readonly Disagreement[]) =>
  disagreements.reduce((sum, disagreement) => sum + disagreement.cost, 0);
const isAmount = (disagreement: Disagreement) =>
  disagreement.code === "amount_mismatch" || disagreement.code === "unit_error";

type Scored = { explanation: Explanation; disagreements: Disagreement[]; cost: number };

function best(
  figure: TextFigure,
  explanations: readonly Explanation[],
  allocation: Allocation,
  claims: Map<string, number>,
  self: number,
): Scored & { claimedByOther: boolean } {
  let chosen: (Scored & { claimedByOther: boolean }) | undefined;
  for (const explanation of explanations) {
    const disagreements = compareFigure(figure, explanation, allocation.priceLevel);
    const owner = claims.get(explanation.key);
    const claimedByOther = owner !== undefined && owner !== self;
    // On a tie, a figure not written as a total is rather a year's amount than a sum that happens to fit.
    const unstatedTotal =
      explanation.basis === "total" && explanation.years.length > 1 && figure.basis !== "total"
        ? TIE_BREAK_COST
        : 0;
    const cost = costOf(disagreements) + (claimedByOther ? CLAIMED_COST : 0) + unstatedTotal;
    if (chosen === undefined || cost < chosen.cost)
      chosen = { explanation, disagreements, cost, claimedByOther };
  }
  if (chosen === undefined) throw new Error("an allocation has at least one line");
  return chosen;
}

/** The match of a figure that no line of the data can explain. */
function unexplained(): FigureMatch {
  return {
    explanation: {
      key: "none",
      lines: [],
      years: [],
      basis: "per_year",
      expected: 0,
      areas: [],
      recipients: [],
    },
    disagreements: [],
    claimedByOther: false,
    split: false,
    unmatched: true,
  };
}

/**
 * The best explanation of every money figure (undefined for other figures), index-aligned with
 * `figures`. Figures that fit an explanation exactly claim it first, so a wrong figure is not
 * explained by a line another figure already states.
 */
export function matchFigures(
  figures: readonly TextFigure[],
  allocation: Allocation,
): Array<FigureMatch | undefined> {
  const single = explainAllocation(allocation);
  const money = figures.flatMap((figure, index) =>
    figure.kind === "money" && figure.amount !== undefined ? [index] : [],
  );
  /* An allocation without lines explains no figure: every money figure is unmatched. */
  if (single.length === 0)
    return figures.map((_, index) => (money.includes(index) ? unexplained() : undefined));
  const partsOf = new Map<number, number[]>();
  for (const index of money) {
    const whole = figures[index]?.partOf;
    if (whole !== undefined && figures[whole]?.kind === "money")
      partsOf.set(whole, [...(partsOf.get(whole) ?? []), index]);
  }
  const claims = new Map<string, number>();
  for (const index of money) {
    const figure = figures[index];
    if (figure === undefined) continue;
    const exact = single.filter((explanation) =>
      compareFigure(figure, explanation, allocation.priceLevel).every(
        (disagreement) => !disagreement.reported,
      ),
    );
    const chosen = exact.find((explanation) => !claims.has(explanation.key)) ?? exact[0];
    if (chosen !== undefined && !claims.has(chosen.key)) claims.set(chosen.key, index);
  }
  const matches: Array<FigureMatch | undefined> = figures.map(() => undefined);
  const settle = (index: number, scored: Scored & { claimedByOther: boolean }) => {
    const amountWrong = scored.disagreements.some(isAmount);
    const otherWrong = scored.disagreements.some(
      (disagreement) => disagreement.reported && !isAmount(disagreement),
    );
    matches[index] = {
      ...scored,
      split: false,
      unmatched: amountWrong && (otherWrong || scored.claimedByOther),
    };
  };
  for (const index of money) {
    const figure = figures[index];
    if (figure === undefined || partsOf.has(index)) continue;
    settle(index, best(figure, single, allocation, claims, index));
  }
  for (const [whole, parts] of partsOf) {
    const figure = figures[whole];
    if (figure === undefined) continue;
    const partLines = [
      ...new Set(
        parts.flatMap((part) => {
          const match = matches[part];
          return match === undefined || match.disagreements.some(isAmount)
            ? []
            : match.explanation.lines;
        }),
      ),
    ].sort((left, right) => left - right);
    const summed =
      partLines.length >= 2
        ? partLines
        : allocation.lines.length >= 2
          ? allocation.lines.map((_, index) => index)
          : [];
    const chosen = best(
      figure,
      [...single, ...(summed.length >= 2 ? explainSum(allocation, summed) : [])],
      allocation,
      claims,
      whole,
    );
    settle(whole, chosen);
    // A part the data has no line for is a split of its whole, when the whole itself is right.
    if (chosen.explanation.lines.length === 1 && !chosen.disagreements.some(isAmount)) {
      for (const part of parts) {
        const match = matches[part];
        if (match !== undefined && match.disagreements.some(isAmount)) {
          matches[part] = {
            explanation: chosen.explanation,
            disagreements: [],
            claimedByOther: false,
            split: true,
            unmatched: false,
          };
        }
      }
    }
  }
  return matches;
}
