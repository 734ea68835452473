/**
 * "heraf" / "fordelt på": the parts of a money figure must add up to the whole within rounding,
 * that is, some amounts that round to the parts as written must sum to an amount that rounds to
 * the whole as written.
 */
import type { ValidationIssue } from "../domain/index.ts";
import type { TextFigure } from "../money/index.ts";
import { formatDanishAmount, halfStep, isMillionsUnit } from "../money/index.ts";
import { MESSAGES } from "./messages.ts";

/** One parts_do_not_add_up issue per whole whose parts cannot sum to it; spans cover whole and parts. */
export function checkParts(figures: readonly TextFigure[]): ValidationIssue[] {
  const partsOf = new Map<number, TextFigure[]>();
  for (const figure of figures) {
    if (figure.kind !== "money" || figure.partOf === undefined || figure.amount === undefined)
      continue;
    partsOf.set(figure.partOf, [...(partsOf.get(figure.partOf) ?? []), figure]);
  }
  const issues: ValidationIssue[] = [];
  for (const [index, parts] of partsOf) {
    const whole = figures[index];
    if (whole?.kind !== "money" || whole.amount === undefined) continue;
    const low = parts.reduce((sum, part) => sum + (part.amount?.min ?? 0) - halfStep(part), 0);
    const high = parts.reduce((sum, part) => sum + (part.amount?.max ?? 0) + halfStep(part), 0);
    const wholeLow = whole.amount.min - halfStep(whole);
    const wholeHigh = whole.amount.max + halfStep(whole);
    if (low < wholeHigh && wholeLow < high) continue;
    const sum = parts.reduce((total, part) => total + (part.amount?.min ?? 0), 0);
    const decimals = Math.max(
      ...parts.map((part) => (part.unit === whole.unit ? (part.decimals ?? 0) : 1)),
      whole.decimals ?? 0,
    );
    const written = isMillionsUnit(whole.unit)
      ? formatDanishAmount(sum, { unit: whole.unit, decimals })
      : formatDanishAmount(sum, { unit: "kr." });
    const last = parts[parts.length - 1] ?? whole;
    issues.push({
      code: "parts_do_not_add_up",
      severity: "error",
      message: MESSAGES.partsDoNotAddUp(
        whole.text,
        parts.map((part) => part.text),
        written,
      ),
      start: whole.start,
      end: last.end,
      expected: whole.text,
      found: written,
    });
  }
  return issues;
}
