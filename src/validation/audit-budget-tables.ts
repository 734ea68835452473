/**
 * Checks a budget note's tables against themselves and the note's text: each row against its
 * stated total, each year's rows against the "Udgifter i alt" / "I alt" row, a split table
 * (Bevillingstekniske oplysninger, continuation) against the economy table it splits, and the
 * agreement text ("Der afsættes: [69,1] mio. kr. samlet på service i 2025-2028") against the
 * economy table's sums. Table values are in the table's unit (1.000 kr.); sums of rounded cells
 * are allowed half a unit per cell.
 */
import type {
  AuditFinding,
  BudgetTable,
  Card,
  Figure,
  ParsedDocument,
  TableRow,
} from "../domain/index.ts";
import {
  agreesAtPrecision,
  formatDanishAmount,
  formatDanishNumber,
  formatPeriod,
  toKroner,
} from "../money/index.ts";
import type { AuditSources } from "./create-audit-finding.ts";
import { createAuditFinding } from "./create-audit-finding.ts";

type YearSums = Map<number, { sum: number; cells: number }>;

function cellsOf(
  row: TableRow,
  years: readonly number[],
): Array<{ year: number; value: number | null }> {
  return years.map((year) => ({ year, value: row.values[String(year)] ?? null }));
}

/** Rounded cells may sum to a little more or less than the rounded total. */
function tolerance(cells: number): number {
  return Math.floor(cells / 2 + 0.5);
}

function sumRows(rows: readonly TableRow[], years: readonly number[]): YearSums {
  const sums: YearSums = new Map();
  for (const year of years) {
    let sum = 0;
    let cells = 0;
    for (const row of rows) {
      const value = row.values[String(year)];
      if (value === null || value === undefined) continue;
      sum += value;
      cells += 1;
    }
    sums.set(year, { sum, cells });
  }
  return sums;
}

/** A table's short name: its title up to the first dash or full stop. */
function tableName(table: BudgetTable): string {
  return table.title.split(/\s[–-]\s|\.\s/u)[0] ?? table.title;
}

function unitLabel(table: BudgetTable): string {
  return table.unit;
}

function checkRowTotals(
  document: ParsedDocument,
  card: Card | undefined,
  table: BudgetTable,
  sources: AuditSources,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const row of table.rows) {
    if (row.statedTotal === undefined) continue;
    const values = cellsOf(row, table.years).flatMap((cell) =>
      cell.value === null ? [] : [cell.value],
    );
    const sum = values.reduce((total, value) => total + value, 0);
    if (Math.abs(sum - row.statedTotal) <= tolerance(values.length)) continue;
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "table_row_total",
        severity: "error",
        message: `I ${tableName(table)} giver årene i rækken "${row.label}" tilsammen ${formatDanishNumber(sum)}, men rækkens i alt er ${formatDanishNumber(row.statedTotal)} (${unitLabel(table)}).`,
        span: row.span,
        fallbackQuote: row.label,
        expected: formatDanishNumber(sum),
        found: formatDanishNumber(row.statedTotal),
      }),
    );
  }
  return findings;
}

function checkColumnTotals(
  document: ParsedDocument,
  card: Card | undefined,
  table: BudgetTable,
  sources: AuditSources,
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  let parts: TableRow[] = [];
  for (const row of table.rows) {
    if (!row.isTotal) {
      parts.push(row);
      continue;
    }
    const sums = sumRows(parts, table.years);
    const empty: Array<{ year: number; sum: number }> = [];
    const wrong: Array<{ year: number; sum: number; stated: number }> = [];
    for (const [year, { sum, cells }] of sums) {
      const stated = row.values[String(year)];
      if (stated === null || stated === undefined) {
        if (cells > 0 && sum !== 0) empty.push({ year, sum });
      } else if (Math.abs(stated - sum) > tolerance(cells)) {
        wrong.push({ year, sum, stated });
      }
    }
    const name = tableName(table);
    if (empty.length > 0) {
      const sameSum = empty.every((entry) => entry.sum === empty[0]?.sum);
      const expected = sameSum
        ? `${formatDanishNumber(empty[0]?.sum ?? 0)} i ${formatPeriod(empty.map((entry) => entry.year))}`
        : empty.map((entry) => `${entry.year}: ${formatDanishNumber(entry.sum)}`).join(", ");
      findings.push(
        createAuditFinding(document, card, sources, {
          code: "table_column_total",
          severity: "warning",
          message: `Rækken "${row.label}" i ${name} er tom, men rækkerne over den summer til ${expected} (${unitLabel(table)}). Udfyld i alt-rækken.`,
          span: row.span,
          fallbackQuote: row.label,
          expected,
          found: "tom",
        }),
      );
    }
    if (wrong.length > 0) {
      const expected = wrong
        .map((entry) => `${entry.year}: ${formatDanishNumber(entry.sum)}`)
        .join(", ");
      const found = wrong
        .map((entry) => `${entry.year}: ${formatDanishNumber(entry.stated)}`)
        .join(", ");
      findings.push(
        createAuditFinding(document, card, sources, {
          code: "table_column_total",
          severity: "error",
          message: `I ${name} summer rækkerne ikke til "${row.label}": rækkerne giver ${expected}, i alt-rækken siger ${found} (${unitLabel(table)}).`,
          span: row.span,
          fallbackQuote: row.label,
          expected,
          found,
        }),
      );
    }
    parts = [];
  }
  return findings;
}

/** The economy table a split (or model-for-model technical) table must agree with. */
function mainTableOf(table: BudgetTable, tables: readonly BudgetTable[]): BudgetTable | undefined {
  const economy = tables.filter(
    (candidate) => candidate.kind === "economy" && !candidate.continuation && candidate !== table,
  );
  const model = /model\s*(\d+)/iu.exec(table.title)?.[1];
  if (model !== undefined) {
    const sameModel = economy.find(
      (candidate) => /model\s*(\d+)/iu.exec(candidate.title)?.[1] === model,
    );
    if (sameModel !== undefined && table.kind !== "economy") return sameModel;
  }
  if (!table.continuation) return undefined;
  const position = tables.indexOf(table);
  return (
    [...economy].reverse().find((candidate) => tables.indexOf(candidate) < position) ?? economy[0]
  );
}

function totalsOf(table: BudgetTable): Map<number, number | null> {
  const totalRow = [...table.rows].reverse().find((row) => row.isTotal);
  const totals = new Map<number, number | null>();
  if (totalRow !== undefined) {
    for (const year of table.years) totals.set(year, totalRow.values[String(year)] ?? null);
    return totals;
  }
  for (const [year, { sum, cells }] of sumRows(table.rows, table.years))
    totals.set(year, cells === 0 ? null : sum);
  return totals;
}

function checkSplit(
  document: ParsedDocument,
  card: Card | undefined,
  table: BudgetTable,
  tables: readonly BudgetTable[],
  sources: AuditSources,
): AuditFinding[] {
  const main = mainTableOf(table, tables);
  if (main === undefined) return [];
  const mainTotals = totalsOf(main);
  const splitSums = sumRows(
    table.rows.filter((row) => !row.isTotal),
    table.years,
  );
  const wrong: Array<{ year: number; sum: number; total: number }> = [];
  for (const [year, { sum, cells }] of splitSums) {
    const total = mainTotals.get(year);
    if (total === undefined) continue;
    if ((total ?? 0) === 0 && cells === 0) continue;
    if (Math.abs((total ?? 0) - sum) > tolerance(cells))
      wrong.push({ year, sum, total: total ?? 0 });
  }
  if (wrong.length === 0) return [];
  const mainName = tableName(main);
  const name = tableName(table);
  const expected = wrong
    .map((entry) => `${entry.year}: ${formatDanishNumber(entry.total)}`)
    .join(", ");
  const found = wrong.map((entry) => `${entry.year}: ${formatDanishNumber(entry.sum)}`).join(", ");
  return [
    createAuditFinding(document, card, sources, {
      code: "table_split_mismatch",
      severity: "error",
      message: `Rækkerne i ${name} summer til ${found}, men ${mainName} har i alt ${expected} (${unitLabel(table)}). Opdelingen skal give de samme beløb som hovedtabellen.`,
      span: table.span,
      fallbackQuote: table.title,
      expected,
      found,
    }),
  ];
}

function agreementFigures(card: Card): Figure[] {
  const sections = card.sections.filter((section) => section.kind === "agreement_text");
  return card.figures.filter(
    (figure) =>
      figure.kind === "money" &&
      figure.amount !== undefined &&
      sections.some(
        (section) => figure.span.start >= section.span.start && figure.span.end <= section.span.end,
      ),
  );
}

/** The economy table's sum in kroner over `years`, on `area` where rows name one; undefined when no row applies. */
function tableKroner(
  table: BudgetTable,
  years: readonly number[],
  area: Figure["area"],
): number | undefined {
  const rows = table.rows.filter(
    (row) => !row.isTotal && (area === undefined || row.area === undefined || row.area === area),
  );
  if (rows.length === 0 || years.some((year) => !table.years.includes(year))) return undefined;
  let sum = 0;
  for (const row of rows) for (const year of years) sum += row.values[String(year)] ?? 0;
  return toKroner(sum, table.unit);
}

function checkAgreementText(
  document: ParsedDocument,
  card: Card,
  tables: readonly BudgetTable[],
  sources: AuditSources,
): AuditFinding[] {
  const economy = tables.filter(
    (table) => table.kind === "economy" && !table.continuation && table.cardId === card.id,
  );
  if (economy.length === 0) return [];
  const findings: AuditFinding[] = [];
  for (const figure of agreementFigures(card)) {
    if (figure.amount === undefined || figure.years.length === 0) continue;
    const written = {
      amount: figure.amount,
      unit: figure.unit ?? "kr.",
      decimals: figure.decimals ?? 0,
    };
    const perYear = figure.basis === "per_year";
    const candidates = economy.flatMap((table) => {
      const periods = perYear ? figure.years.map((year) => [year]) : [figure.years];
      const sums = periods.map((years) => tableKroner(table, years, figure.area));
      return sums.every((sum): sum is number => sum !== undefined) ? [{ table, sums }] : [];
    });
    if (candidates.length === 0) continue;
    if (candidates.some(({ sums }) => sums.every((sum) => agreesAtPrecision(sum, written))))
      continue;
    const best = candidates[0];
    if (best === undefined) continue;
    const differing = best.sums.find((sum) => !agreesAtPrecision(sum, written)) ?? 0;
    const expected = formatDanishAmount(differing, {
      unit: written.unit === "kr." ? "mio. kr." : written.unit,
      decimals: Math.max(1, written.decimals),
    });
    const name = tableName(best.table);
    findings.push(
      createAuditFinding(document, card, sources, {
        code: "agreement_text_mismatch",
        severity: "error",
        message: `Aftaleteksten siger ${figure.text}${perYear ? " årligt" : " samlet"} i ${formatPeriod(figure.years)}${figure.area === undefined ? "" : ` på ${figure.area}`}, men ${name} giver ${expected}${perYear ? " i mindst ét af årene" : ""}.`,
        span: figure.sentence.span,
        fallbackQuote: figure.sentence.text,
        expected,
        found: figure.text,
      }),
    );
  }
  return findings;
}

/** Every finding on a budget note's tables and agreement text. */
export function auditBudgetTables(document: ParsedDocument, sources: AuditSources): AuditFinding[] {
  if (document.tables.length === 0) return [];
  const cardOf = (table: BudgetTable): Card | undefined =>
    document.cards.find((card) => card.id === table.cardId);
  const findings: AuditFinding[] = [];
  for (const table of document.tables) {
    const card = cardOf(table);
    findings.push(
      ...checkRowTotals(document, card, table, sources),
      ...checkColumnTotals(document, card, table, sources),
    );
    if (table.kind !== "economy" || table.continuation)
      findings.push(...checkSplit(document, card, table, document.tables, sources));
  }
  for (const card of document.cards)
    findings.push(...checkAgreementText(document, card, document.tables, sources));
  return findings;
}
