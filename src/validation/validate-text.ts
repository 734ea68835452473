/**
 * Numeric fidelity of a text: every money figure the money grammar finds must equal the
 * allocation data (amount at its written precision, unit, period, per year or total, area, price
 * level, recipient), "heraf" parts must add up, every line should be mentioned, and the money must
 * agree with the decision. Deterministic and pure: the text and the data in, a result out.
 */
import { z } from "zod";
import type {
  Allocation,
  Decision,
  ValidatedFigure,
  ValidationIssue,
  ValidationResult,
} from "../domain/index.ts";
import { AllocationSchema, DecisionSchema } from "../domain/index.ts";
import { classifyDecision } from "../corpus/classify-decision.ts";
import type { TextFigure } from "../money/index.ts";
import {
  extractFigures,
  formatAllocationLine,
  formatDanishAmount,
  formatPeriod,
  isMillionsUnit,
  leastDecimals,
} from "../money/index.ts";
import type { Explanation, FigureMatch } from "./match-figures.ts";
import { matchFigures } from "./match-figures.ts";
import { checkParts } from "./check-parts.ts";
import { MESSAGES, REASONS, describePriceLevel } from "./messages.ts";

/** Longest text scanned by default, characters. */
export const DEFAULT_MAX_TEXT_LENGTH = 100_000;

/**
 * Most money figures checked in one text. Matching compares figures with each other (parts,
 * claimed lines), so the work grows faster than the count; a card has tens of figures, and a text
 * with hundreds is not one card: check it a card or section at a time.
 */
export const MAX_MONEY_FIGURES = 400;

export const ValidateTextOptionsSchema = z.object({
  /** First budget year of the proposal; a period starting earlier is reported. */
  budgetYear: z.number().int().min(1990).max(2100).optional(),
  /** The administration's decision on the grant. */
  decision: DecisionSchema.optional(),
  /** Longest text scanned, characters. */
  maxTextLength: z.number().int().positive().optional(),
});
export type ValidateTextOptions = z.infer<typeof ValidateTextOptionsSchema>;

export const ValidateTextInputSchema = z.object({
  text: z.string(),
  allocation: AllocationSchema,
  options: ValidateTextOptionsSchema.optional(),
});
export type ValidateTextInput = z.infer<typeof ValidateTextInputSchema>;

const CONTINUING: ReadonlySet<Decision> = new Set(["uændret", "med_justeringer"]);
/** Every stop phrasing classifyDecision knows has one of these (a cheap test before the full read). */
const MAY_STOP = /ikke|oph|nedl|udfas|afvikl|stopp|lukke/iu;

/** "5,7 mio. kr." at the figure's own precision (at least one decimal in millions). */
function writeLike(kroner: number, figure: TextFigure): string {
  if (isMillionsUnit(figure.unit))
    return formatDanishAmount(kroner, {
      unit: figure.unit,
      decimals: Math.max(leastDecimals(figure.unit), figure.decimals ?? 0),
    });
  if (kroner % 100_000 === 0) return formatDanishAmount(kroner);
  return formatDanishAmount(kroner, { unit: "kr." });
}

/** The explanation in the department's words: "5,7 mio. kr. årligt til BIF på service i 2027-2030". */
function describe(
  explanation: Explanation,
  figure: TextFigure | undefined,
  allocation: Allocation,
): string {
  const amount =
    figure === undefined
      ? formatDanishAmount(explanation.expected)
      : writeLike(explanation.expected, figure);
  const basis =
    explanation.years.length > 1 ? (explanation.basis === "per_year" ? " årligt" : " samlet") : "";
  const recipients =
    explanation.recipients.length > 0 ? ` til ${explanation.recipients.join(" og ")}` : "";
  const sum = explanation.lines.length > 1 ? ` (${explanation.lines.length} linjer tilsammen)` : "";
  const priceLevel =
    allocation.priceLevel === undefined ? "" : ` (${describePriceLevel(allocation.priceLevel)})`;
  return `${amount}${basis}${priceLevel}${recipients} på ${explanation.areas.join(" og ")} i ${formatPeriod(explanation.years)}${sum}`;
}

function describeLines(allocation: Allocation): string[] {
  return allocation.lines.map((line) =>
    formatAllocationLine(line, { priceLevel: allocation.priceLevel }),
  );
}

function issuesOfMatch(
  figure: TextFigure,
  match: FigureMatch,
  allocation: Allocation,
): ValidationIssue[] {
  const at = { start: figure.start, end: figure.end };
  if (match.unmatched) {
    return [
      {
        code: "unmatched_figure",
        severity: "error",
        message: MESSAGES.unmatchedFigure(figure.text, describeLines(allocation)),
        ...at,
        found: figure.text,
        expected: describeLines(allocation).join("; ") || "ingen bevillingslinjer",
      },
    ];
  }
  const expected = describe(match.explanation, figure, allocation);
  const issues: ValidationIssue[] = [];
  for (const disagreement of match.disagreements) {
    if (!disagreement.reported) continue;
    const base = { code: disagreement.code, severity: "error" as const, ...at, expected };
    switch (disagreement.code) {
      case "amount_mismatch":
        issues.push({
          ...base,
          message: MESSAGES.amountMismatch(figure.text, expected),
          found: figure.text,
        });
        break;
      case "unit_error":
        issues.push({
          ...base,
          message: MESSAGES.unitError(figure.text, expected),
          found: figure.text,
        });
        break;
      case "period_mismatch":
        issues.push({
          ...base,
          message: MESSAGES.periodMismatch(figure.text, figure.years, expected),
          found: formatPeriod(figure.years),
        });
        break;
      case "basis_confusion":
        issues.push({
          ...base,
          message:
            figure.basis === "per_year"
              ? MESSAGES.basisPerYearIsTotal(figure.text, expected)
              : MESSAGES.basisTotalIsPerYear(figure.text, expected),
          found: `${figure.text} ${figure.basis === "per_year" ? "årligt" : "samlet"}`,
        });
        break;
      case "area_mismatch":
        issues.push({
          ...base,
          message: MESSAGES.areaMismatch(figure.text, figure.area, expected),
          found: figure.area ?? "",
        });
        break;
      case "price_level_mismatch":
        issues.push({
          ...base,
          message: MESSAGES.priceLevelMismatch(
            figure.text,
            figure.priceLevel,
            allocation.priceLevel ?? "løbende",
          ),
          expected: describePriceLevel(allocation.priceLevel ?? "løbende"),
          found: describePriceLevel(figure.priceLevel),
        });
        break;
      case "recipient_mismatch":
        issues.push({
          ...base,
          message: MESSAGES.recipientMismatch(
            figure.text,
            figure.recipient ?? "",
            match.explanation.recipients.join(" og "),
          ),
          found: figure.recipient ?? "",
        });
        break;
    }
  }
  return issues;
}

function toValidatedFigure(
  figure: TextFigure,
  match: FigureMatch | undefined,
  issues: readonly ValidationIssue[],
): ValidatedFigure {
  const own = issues.filter(
    (issue) =>
      (issue.start === figure.start && issue.end === figure.end) ||
      (issue.code === "parts_do_not_add_up" &&
        issue.start <= figure.start &&
        figure.end <= issue.end),
  );
  const status = own.some((issue) => issue.severity === "error")
    ? "error"
    : own.some((issue) => issue.severity === "warning")
      ? "warning"
      : "ok";
  const validated: ValidatedFigure = {
    kind: figure.kind,
    text: figure.text,
    start: figure.start,
    end: figure.end,
    years: [...figure.years],
    status,
  };
  if (figure.amount !== undefined) validated.amount = figure.amount;
  if (figure.unit !== undefined) validated.unit = figure.unit;
  if (figure.decimals !== undefined) validated.decimals = figure.decimals;
  if (figure.basis !== undefined) validated.basis = figure.basis;
  if (figure.area !== undefined) validated.area = figure.area;
  if (figure.priceLevel !== undefined) validated.priceLevel = figure.priceLevel;
  if (figure.recipient !== undefined) validated.recipient = figure.recipient;
  if (figure.normalised === true) validated.normalised = true;
  if (match !== undefined) {
    const line = match.explanation.lines[0];
    if (!match.unmatched && line !== undefined) validated.matchedLine = line;
    validated.reason = own[0]?.message ?? (match.split ? REASONS.part : REASONS.ok);
    if (match.unmatched) validated.reason = REASONS.unmatched;
  }
  return validated;
}

/**
 * Checks every money figure of `text` against `allocation`. Non-money numbers (participants,
 * percentages, years, card numbers) raise nothing. A text longer than `maxTextLength` is not
 * scanned and gives one `text_too_long` issue.
 */
export function validateText(
  text: string,
  allocation: Allocation,
  options: ValidateTextOptions = {},
): ValidationResult {
  const maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  if (text.length > maxTextLength) {
    return {
      ok: false,
      figures: [],
      issues: [
        {
          code: "text_too_long",
          severity: "error",
          message: MESSAGES.textTooLong(text.length, maxTextLength),
          start: 0,
          end: text.length,
        },
      ],
    };
  }
  const figures = extractFigures(text);
  const moneyCount = figures.filter((figure) => figure.kind === "money").length;
  if (moneyCount > MAX_MONEY_FIGURES) {
    return {
      ok: false,
      figures: [],
      issues: [
        {
          code: "text_too_long",
          severity: "error",
          message: MESSAGES.tooManyFigures(moneyCount, MAX_MONEY_FIGURES),
          start: 0,
          end: text.length,
        },
      ],
    };
  }
  const matches = matchFigures(figures, allocation);
  const issues: ValidationIssue[] = [];
  const mentioned = new Set<number>();
  const money: TextFigure[] = [];
  figures.forEach((figure, index) => {
    const match = matches[index];
    if (match === undefined) return;
    money.push(figure);
    if (!match.unmatched) for (const line of match.explanation.lines) mentioned.add(line);
    issues.push(...issuesOfMatch(figure, match, allocation));
    const inheritedYears = figure.inherited?.includes("years") ?? false;
    const first = figure.years[0];
    if (
      options.budgetYear !== undefined &&
      !inheritedYears &&
      first !== undefined &&
      first < options.budgetYear
    ) {
      issues.push({
        code: "period_before_budget_year",
        severity: "error",
        message: MESSAGES.periodBeforeBudgetYear(figure.text, figure.years, options.budgetYear),
        start: figure.start,
        end: figure.end,
        expected: `fra ${options.budgetYear}`,
        found: formatPeriod(figure.years),
      });
    }
  });
  issues.push(...checkAmbiguousBasis(figures, matches, allocation));
  issues.push(...checkNormalised(figures, text));
  issues.push(...checkParts(figures));
  allocation.lines.forEach((line, index) => {
    const total = Object.values(line.amounts).reduce((sum, amount) => sum + amount, 0);
    if (mentioned.has(index) || total === 0) return;
    const expected = formatAllocationLine(line, { priceLevel: allocation.priceLevel });
    issues.push({
      code: "line_not_mentioned",
      severity: "warning",
      message: MESSAGES.lineNotMentioned(expected),
      start: 0,
      end: text.length,
      expected,
    });
  });
  issues.push(...checkDecision(text, allocation, money, options.decision));
  issues.sort((left, right) => left.start - right.start || left.end - right.end);
  return {
    ok: !issues.some((issue) => issue.severity === "error"),
    figures: figures.map((figure, index) => toValidatedFigure(figure, matches[index], issues)),
    issues,
  };
}

/** "Fra 2023 til 2024 bortfalder 18,4 mio. kr.": a change between two years is neither per year nor a total. */
const CHANGE_BETWEEN_YEARS =
  /(?<![\p{L}])(?:bortfalder|reduceres|reduktion|reduceret|falder|stiger|øges|forøges|nedskrives)(?![\p{L}])/iu;

/** An amount over several years with no basis of its own, its whole's or its clause's. */
export function hasAmbiguousBasis(
  figure: Pick<TextFigure, "kind" | "basis" | "years" | "partOf"> & { sentence: { text: string } },
): boolean {
  return (
    figure.kind === "money" &&
    figure.basis === "unspecified" &&
    figure.years.length > 1 &&
    figure.partOf === undefined &&
    !CHANGE_BETWEEN_YEARS.test(figure.sentence.text)
  );
}

/**
 * A money figure over more than one year with neither "årligt" nor "samlet" (nor a whole or an
 * earlier clause to take it from): a reader cannot tell a year's amount from the period's total.
 * The fix names the reading the data supports.
 */
export function checkAmbiguousBasis(
  figures: readonly TextFigure[],
  matches: ReadonlyArray<FigureMatch | undefined>,
  allocation: Allocation | undefined,
  severity: "error" | "warning" = "error",
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  figures.forEach((figure, index) => {
    if (!hasAmbiguousBasis(figure)) return;
    const match = matches[index];
    const total = match !== undefined && !match.unmatched && match.explanation.basis === "total";
    const written = figure.text.replace(/\s+/gu, " ");
    const line = allocation?.lines[match?.explanation.lines[0] ?? -1];
    const suggestion =
      line !== undefined && !total && match !== undefined && !match.unmatched
        ? `"${formatAllocationLine(line, { priceLevel: allocation?.priceLevel })}"`
        : total
          ? `"${written} samlet i ${formatPeriod(figure.years)}"`
          : `"${written} årligt i ${formatPeriod(figure.years)}" eller "${written} samlet i ${formatPeriod(figure.years)}"`;
    issues.push({
      code: "ambiguous_basis",
      severity,
      message: MESSAGES.ambiguousBasis(written, figure.years, suggestion),
      start: figure.start,
      end: figure.end,
      expected: suggestion.replace(/^"|"$/gu, ""),
      found: written,
    });
  });
  return issues;
}

/** A figure read only after normalising its characters: a warning, so the text gets fixed. */
export function checkNormalised(figures: readonly TextFigure[], text: string): ValidationIssue[] {
  return figures
    .filter((figure) => figure.kind === "money" && figure.normalised === true)
    .map((figure) => ({
      code: "figure_normalised" as const,
      severity: "warning" as const,
      message: MESSAGES.figureNormalised(text.slice(figure.start, figure.end), figure.text),
      start: figure.start,
      end: figure.end,
      expected: figure.text,
      found: text.slice(figure.start, figure.end),
    }));
}

/** Money against the decision: none when the grant stops, some when it continues. */
function checkDecision(
  text: string,
  allocation: Allocation,
  money: readonly TextFigure[],
  decision: Decision | undefined,
): ValidationIssue[] {
  const proposed = money.filter((figure) => (figure.amount?.max ?? 0) > 0);
  const first = proposed[0];
  if (first !== undefined) {
    const at = { start: first.start, end: first.end, found: first.text };
    if (decision === "ophører")
      return [
        {
          code: "decision_conflict",
          severity: "error",
          message: MESSAGES.decisionStopsButMoney(decision, first.text),
          ...at,
          expected: "intet beløb",
        },
      ];
    if (MAY_STOP.test(text) && classifyDecision(text) === "ophører")
      return [
        {
          code: "decision_conflict",
          severity: "error",
          message: MESSAGES.textSaysStopButMoney(first.text),
          ...at,
          expected: "intet beløb",
        },
      ];
    return [];
  }
  const total = allocation.lines.reduce(
    (sum, line) =>
      sum + Object.values(line.amounts).reduce((lineSum, amount) => lineSum + amount, 0),
    0,
  );
  if (decision !== undefined && CONTINUING.has(decision) && money.length === 0 && total > 0) {
    const expected = describeLines(allocation).join("; ");
    return [
      {
        code: "decision_conflict",
        severity: "error",
        message: MESSAGES.decisionContinuesWithoutMoney(decision, expected),
        start: 0,
        end: text.length,
        expected,
      },
    ];
  }
  return [];
}
