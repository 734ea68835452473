/**
 * The figure-by-figure report of a validation as the CLI prints it, local (cli.ts) and against a
 * service (cli-remote.ts): ✓/!/✗ per money figure, then the issues no figure carries (a total that
 * does not add up, a missing year), then the count of errors and warnings.
 */

/** The parts of a ValidationResult the report reads (the service's JSON answer has them too). */
export type PrintableValidation = {
  ok: boolean;
  figures: ReadonlyArray<{
    kind: string;
    text: string;
    status?: string;
    reason?: string | undefined;
    start: number;
    end: number;
  }>;
  issues: ReadonlyArray<{ severity: string; message: string; start: number; end: number }>;
};

export function printValidation(
  text: string,
  result: PrintableValidation,
  log: (line: string) => void = console.log,
): void {
  for (const figure of result.figures) {
    if (figure.kind !== "money") continue;
    const mark = figure.status === "ok" ? "✓" : figure.status === "warning" ? "!" : "✗";
    log(
      `${mark} ${figure.text.padEnd(20)} ${figure.reason ?? (figure.status === "ok" ? "passer med bevillingen" : "")}`,
    );
  }
  const unplaced = result.issues.filter(
    (issue) =>
      !result.figures.some(
        (figure) =>
          figure.kind === "money" &&
          issue.start >= figure.start &&
          issue.end <= figure.end &&
          issue.start < figure.end,
      ),
  );
  for (const issue of unplaced)
    log(
      `${issue.severity === "error" ? "✗" : "!"} ${issue.message}${issue.end > issue.start ? `  (“${text.slice(issue.start, Math.min(issue.end, issue.start + 80))}”)` : ""}`,
    );
  const errors = result.issues.filter((issue) => issue.severity === "error").length;
  const warnings = result.issues.filter((issue) => issue.severity === "warning").length;
  log(
    result.ok ? "\nAlle beløb passer med bevillingen." : `\n${errors} fejl, ${warnings} advarsler.`,
  );
}
