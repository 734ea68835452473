/**
 * Drafts a budget note in the department's order: Baggrund and Indhold by a writer (model or
 * offline), and "Forventet effekt og opfølgning", "Økonomi", "Bevillingstekniske oplysninger"
 * and "Forslag til aftaletekst" rendered from the request's data by the project's one money
 * formatter, never by a writer. The prose and the agreement text are validated against the
 * allocation built from the request; the writer repairs its prose from the findings, a bounded
 * number of times. The rendered tables go through the corpus audit's own table checks (rows
 * against totals, the split table against the economy table, the agreement text against the
 * table's sums), so a draft never shows tables that the audit would reject.
 */
import type {
  Allocation,
  AllocationLine,
  Area,
  AuditFinding,
  BudgetNoteDraftRequest,
  BudgetTable,
  Card,
  CorpusDocument,
  Draft,
  DraftSection,
  DraftSource,
  Figure,
  ParsedDocument,
  SectionKind,
  TableRow,
  ValidatedFigure,
  ValidationIssue,
  ValidationResult,
} from "../domain/index.ts";
import { CorpusError } from "../errors/errors.ts";
import { detectBudgetNote, parseBudgetNote } from "../corpus/parse-budget-note.ts";
import { parseTableNumber } from "../corpus/parse-table-number.ts";
import {
  extractFigures,
  formatDanishAmount,
  formatDanishNumber,
  formatPeriod,
  lineYears,
  toKroner,
} from "../money/index.ts";
import { auditBudgetTables } from "../validation/audit-budget-tables.ts";
import { validateText } from "../validation/validate-text.ts";
import type { BudgetNoteContext, BudgetNoteProse, BudgetNoteWriter } from "./ports.ts";
import type { ModelCallTrace } from "../ports/language-model.ts";

/** Writer calls per draft when the caller gives none: the first text and two repairs. */
export const DEFAULT_BUDGET_NOTE_ATTEMPTS = 3;

/** The headings of a budget note, as the department writes them. */
export const BUDGET_NOTE_HEADINGS = {
  baggrund: "Baggrund",
  indhold: "Indhold",
  forventetEffekt: "Forventet effekt og opfølgning",
  økonomi: "Økonomi",
  bevillingstekniskeOplysninger: "Bevillingstekniske oplysninger",
  aftaletekst: "Forslag til aftaletekst",
} as const;
export type BudgetNoteSectionKey = keyof typeof BUDGET_NOTE_HEADINGS;

export type DraftBudgetNoteDependencies = {
  writer: BudgetNoteWriter;
  /** Writer calls at most (first text included); 3 by default. */
  maxAttempts?: number;
  now?: () => Date;
  newId?: () => string;
  /** Passages of earlier budget notes the writer may lean on (kept as the draft's sources). */
  examples?: DraftSource[];
};

/** Table values are written in thousands, as in the department's tables. */
const TABLE_UNIT = "1.000 kr.";
const AREA_NAMES: Record<Area, string> = {
  service: "Service",
  indsats: "Indsats",
  overførsler: "Overførsler",
  anlæg: "Anlæg",
};
/** "Serviceudgifter i alt": the totals row of one area in the technical table. */
const AREA_TOTAL_LABELS: Record<Area, string> = {
  service: "Serviceudgifter i alt",
  indsats: "Indsatsudgifter i alt",
  overførsler: "Overførselsudgifter i alt",
  anlæg: "Anlægsudgifter i alt",
};
const NO_EFFECTS_TEXT =
  "Mål for effekt og opfølgning fastlægges, når forslaget er vedtaget. Forvaltningen følger årligt op på indsatsen over for udvalget.";
const EFFECT_HEADER = [
  "Målgruppe",
  "Indsats",
  "Målsætning",
  "Opfølgning på og/eller evaluering af indsatsen",
];
/** A year without money: a dash, as the department's tables write it (and the corpus parser reads it). */
const EMPTY_CELL = "-";
/** Placeholder hash of the draft's ParsedDocument: it only lives for the table audit. */
const NO_HASH = "0".repeat(64);

// ---------------------------------------------------------------------------------------------
// Data

/** The allocation a budget note's figures are checked against: its lines, at its price level. */
export function budgetNoteAllocation(request: BudgetNoteDraftRequest): Allocation {
  return {
    initiative: request.title,
    priceLevel: request.priceLevel,
    lines: request.lines.map((line) => ({
      ...line,
      committee: line.committee ?? request.committee,
      appropriation: line.appropriation ?? request.appropriation,
    })),
  };
}

/** The areas of an allocation in the order its lines first name them. */
function areasOf(allocation: Allocation): Area[] {
  return [...new Set(allocation.lines.map((line) => line.area))];
}

/** One line per area, the sum of that area's lines year by year: what the agreement text states. */
export function allocationByArea(allocation: Allocation): Allocation {
  const lines = areasOf(allocation).map((area): AllocationLine => {
    const amounts: Record<string, number> = {};
    for (const line of allocation.lines.filter((candidate) => candidate.area === area)) {
      for (const [year, amount] of Object.entries(line.amounts))
        amounts[year] = (amounts[year] ?? 0) + amount;
    }
    return { area, amounts, label: AREA_TOTAL_LABELS[area] };
  });
  return { ...allocation, lines };
}

/** Every budget year the note's lines name, from the first to the last. */
function tableYears(allocation: Allocation): number[] {
  const years = allocation.lines.flatMap((line) => lineYears(line).map(({ year }) => year));
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
}

const thousands = (kroner: number): number => Math.round(kroner / 1_000);
const sumOf = (values: Iterable<number>): number =>
  [...values].reduce((sum, value) => sum + value, 0);

// ---------------------------------------------------------------------------------------------
// Tables

type RenderedRow = {
  cells: string[];
  /** What the audit reads: the value per year in 1.000 kr. (null for an empty cell). */
  label: string;
  values: Record<string, number | null>;
  statedTotal?: number;
  isTotal: boolean;
  area?: Area;
  committee?: string;
  appropriation?: string;
};

type RenderedTable = {
  kind: BudgetTable["kind"];
  caption: string;
  header: string[];
  rows: RenderedRow[];
  years: number[];
  priceLevel?: number;
};

/** A row of amounts: one cell per year (empty where the line has none) and the row's total. */
function amountCells(
  amounts: ReadonlyMap<number, number>,
  years: readonly number[],
): { cells: string[]; values: Record<string, number | null>; total: number } {
  const values: Record<string, number | null> = {};
  const cells = years.map((year) => {
    const kroner = amounts.get(year);
    values[String(year)] = kroner === undefined ? null : thousands(kroner);
    return kroner === undefined ? EMPTY_CELL : formatDanishNumber(thousands(kroner));
  });
  const total = thousands(sumOf(amounts.values()));
  return { cells: [...cells, formatDanishNumber(total)], values, total };
}

function amountsOf(lines: readonly AllocationLine[]): Map<number, number> {
  const amounts = new Map<number, number>();
  for (const line of lines)
    for (const { year, amount } of lineYears(line))
      amounts.set(year, (amounts.get(year) ?? 0) + amount);
  return amounts;
}

function unitHeader(priceLevel: number): string {
  return `${TABLE_UNIT} (${priceLevel} p/l)`;
}

/** "Økonomi": one row per activity with its area, a column per year and "I alt", then "Udgifter i alt". */
export function renderEconomyTable(allocation: Allocation, tableNumber: number): RenderedTable {
  const years = tableYears(allocation);
  const priceLevel = allocation.priceLevel ?? years[0] ?? 0;
  const rows: RenderedRow[] = allocation.lines.map((line, index) => {
    const label = line.label ?? `Aktivitet ${index + 1}`;
    const { cells, values, total } = amountCells(amountsOf([line]), years);
    return {
      cells: [label, AREA_NAMES[line.area], ...cells],
      label,
      values,
      statedTotal: total,
      isTotal: false,
      area: line.area,
    };
  });
  const totals = amountCells(amountsOf(allocation.lines), years);
  rows.push({
    cells: ["Udgifter i alt", "", ...totals.cells],
    label: "Udgifter i alt",
    values: totals.values,
    statedTotal: totals.total,
    isTotal: true,
  });
  return {
    kind: "economy",
    caption: `Tabel ${tableNumber}. Oversigt over forslagets aktiviteter på alle styringsområder`,
    header: [
      `Aktiviteter i forslaget, ${unitHeader(priceLevel)}`,
      "Styringsområde",
      ...years.map(String),
      "I alt",
    ],
    rows,
    years,
    priceLevel,
  };
}

/** "Bevillingstekniske oplysninger": Udvalg, Bevilling, "U", a column per year; a totals row per area. */
export function renderTechnicalTable(allocation: Allocation, tableNumber: number): RenderedTable {
  const years = tableYears(allocation);
  const priceLevel = allocation.priceLevel ?? years[0] ?? 0;
  const areas = areasOf(allocation);
  const rows: RenderedRow[] = [];
  for (const area of areas) {
    const lines = allocation.lines.filter((line) => line.area === area);
    lines.forEach((line, index) => {
      const label = line.label ?? `Aktivitet ${index + 1}`;
      const committee = line.committee ?? "";
      const appropriation = line.appropriation ?? "";
      const { cells, values, total } = amountCells(amountsOf([line]), years);
      rows.push({
        cells: [label, committee, appropriation, "U", ...cells],
        label,
        values,
        statedTotal: total,
        isTotal: false,
        area,
        committee,
        appropriation,
      });
    });
    const totals = amountCells(amountsOf(lines), years);
    const label = AREA_TOTAL_LABELS[area];
    rows.push({
      cells: [label, "", "", "", ...totals.cells],
      label,
      values: totals.values,
      statedTotal: totals.total,
      isTotal: true,
      area,
    });
  }
  const only = areas.length === 1 ? areas[0] : undefined;
  return {
    kind: "technical",
    caption:
      only === undefined
        ? `Tabel ${tableNumber}. Udgifter fordelt på styringsområde, udvalg og bevilling`
        : `Tabel ${tableNumber}. Udgifter til ${only}`,
    header: [
      unitHeader(priceLevel),
      "Udvalg",
      "Bevilling",
      "Indtægt/udgift (I/U)",
      ...years.map(String),
      "I alt",
    ],
    rows,
    years,
    priceLevel,
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** "Forventet effekt og opfølgning": Målgruppe / Indsats / Målsætning / Opfølgning, from the request. */
export function renderEffectTable(
  effects: NonNullable<BudgetNoteDraftRequest["effects"]>,
  tableNumber: number,
): RenderedTable {
  return {
    kind: "effect",
    caption: `Tabel ${tableNumber}. Oversigt over målsætning for effekter og evaluering`,
    header: EFFECT_HEADER,
    rows: effects.map((effect) => {
      const cells = [effect.målgruppe, effect.indsats, effect.målsætning, effect.opfølgning].map(
        oneLine,
      );
      return { cells, label: cells[0] ?? "", values: {}, isTotal: false };
    }),
    years: [],
  };
}

/** A table as section text: the caption, a blank line, then one tab-separated line per row. */
function tableText(table: RenderedTable): { text: string; rowOffsets: number[] } {
  let text = `${table.caption}\n\n${table.header.join("\t")}`;
  const rowOffsets: number[] = [];
  for (const row of table.rows) {
    text += "\n";
    rowOffsets.push(text.length);
    text += row.cells.join("\t");
  }
  return { text, rowOffsets };
}

/** The total in brackets as the department writes it: "[69,1] mio. kr.", "[40.000] kr.". */
function bracketed(kroner: number): string {
  const written = formatDanishAmount(kroner);
  const space = written.indexOf(" ");
  return `[${written.slice(0, space)}]${written.slice(space)}`;
}

/** "Der afsættes:" and one line per area: "- [69,1] mio. kr. samlet på service i 2025-2028 til …". */
export function renderAgreementText(request: BudgetNoteDraftRequest): string {
  const byArea = allocationByArea(budgetNoteAllocation(request));
  const title = oneLine(request.title);
  // A title that quotes a name itself ("En ny ungeindsats: ”Sammen om de unge”") is not quoted again.
  const purpose = /["”“«»]/u.test(title) ? `initiativet ${title}` : `initiativet ”${title}”`;
  const items = byArea.lines.flatMap((line) => {
    const years = lineYears(line)
      .filter(({ amount }) => amount !== 0)
      .map(({ year }) => year);
    const total = sumOf(Object.values(line.amounts));
    if (total === 0 || years.length === 0) return [];
    const basis = years.length > 1 ? " samlet" : "";
    return [
      `- ${bracketed(total)}${basis} på ${line.area} i ${formatPeriod(years)} til ${purpose}.`,
    ];
  });
  return items.length === 0
    ? `Der afsættes ingen midler til ${purpose}.`
    : `Der afsættes:\n${items.join("\n")}`;
}

// ---------------------------------------------------------------------------------------------
// Assembly

type PlannedSection = {
  key: BudgetNoteSectionKey;
  text: string;
  fromData: boolean;
  table?: RenderedTable;
  rowOffsets?: number[];
};

type AssembledNote = {
  title: string;
  text: string;
  sections: DraftSection[];
  planned: PlannedSection[];
};

function plan(
  request: BudgetNoteDraftRequest,
  prose: BudgetNoteProse,
  allocation: Allocation,
): PlannedSection[] {
  let tableNumber = 0;
  const tableSection = (key: BudgetNoteSectionKey, table: RenderedTable): PlannedSection => {
    const { text, rowOffsets } = tableText(table);
    return { key, text, fromData: true, table, rowOffsets };
  };
  const effects = request.effects ?? [];
  const sections: PlannedSection[] = [
    { key: "baggrund", text: prose.baggrund.trim(), fromData: false },
    { key: "indhold", text: prose.indhold.trim(), fromData: false },
    effects.length === 0
      ? { key: "forventetEffekt", text: NO_EFFECTS_TEXT, fromData: true }
      : tableSection("forventetEffekt", renderEffectTable(effects, ++tableNumber)),
    tableSection("økonomi", renderEconomyTable(allocation, ++tableNumber)),
    tableSection("bevillingstekniskeOplysninger", renderTechnicalTable(allocation, ++tableNumber)),
    { key: "aftaletekst", text: renderAgreementText(request), fromData: true },
  ];
  return sections;
}

function noteTitle(request: BudgetNoteDraftRequest): string {
  return request.code === undefined
    ? oneLine(request.title)
    : `${request.code} ${oneLine(request.title)}`;
}

/** The whole note as one text: the title line, then each heading on a line of its own above its text. */
function assemble(
  request: BudgetNoteDraftRequest,
  prose: BudgetNoteProse,
  allocation: Allocation,
): AssembledNote {
  const title = noteTitle(request);
  const planned = plan(request, prose, allocation);
  let text = title;
  const sections: DraftSection[] = planned.map((section) => {
    const heading = BUDGET_NOTE_HEADINGS[section.key];
    text += `\n\n${heading}\n`;
    const start = text.length;
    text += section.text;
    const drafted: DraftSection = {
      key: section.key,
      heading,
      text: section.text,
      start,
      fromData: section.fromData,
    };
    if (section.table !== undefined)
      drafted.table = [section.table.header, ...section.table.rows.map((row) => row.cells)];
    return drafted;
  });
  return { title, text, sections, planned };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** `text` with everything outside `keep` blanked (newlines kept), so offsets stay those of `text`. */
function maskExcept(text: string, keep: ReadonlyArray<{ start: number; end: number }>): string {
  let masked = "";
  let cursor = 0;
  const blank = (part: string) => part.replace(/[^\n]/gu, " ");
  for (const range of [...keep].sort((left, right) => left.start - right.start)) {
    masked += blank(text.slice(cursor, range.start)) + text.slice(range.start, range.end);
    cursor = range.end;
  }
  return masked + blank(text.slice(cursor));
}

function spanOf(section: DraftSection): { start: number; end: number } {
  return { start: section.start, end: section.start + section.text.length };
}

function sectionsWith(note: AssembledNote, keys: readonly BudgetNoteSectionKey[]): DraftSection[] {
  return note.sections.filter((section) => (keys as readonly string[]).includes(section.key));
}

/** Sections whose text the writer wrote (the repair loop sends their findings back). */
const PROSE_KEYS: readonly BudgetNoteSectionKey[] = ["baggrund", "indhold"];
/** Text the caseworker or a writer wrote, checked against the lines and the areas' sums. */
const TEXT_KEYS: readonly BudgetNoteSectionKey[] = ["baggrund", "indhold", "forventetEffekt"];

function withoutLine(figure: ValidatedFigure, lineCount: number): ValidatedFigure {
  if (figure.matchedLine === undefined || figure.matchedLine < lineCount) return figure;
  const { matchedLine: _unused, ...rest } = figure;
  return rest;
}

type Range = { start: number; end: number };

/**
 * Prose (`ranges` of `text`) against the lines and, for areas with several lines, their sums; a
 * prose figure is welcome nowhere, but a right one is no error. The prose need not mention every
 * line (the tables do), so "line_not_mentioned" is left out there.
 */
function validateProseRanges(
  text: string,
  ranges: readonly Range[],
  allocation: Allocation,
): ValidationResult {
  const byArea = allocationByArea(allocation);
  const sums = byArea.lines.filter(
    (line) => allocation.lines.filter((candidate) => candidate.area === line.area).length > 1,
  );
  const checking: Allocation = { ...allocation, lines: [...allocation.lines, ...sums] };
  const result = validateText(maskExcept(text, ranges), checking);
  const issues = result.issues.filter((issue) => issue.code !== "line_not_mentioned");
  return {
    ok: !issues.some((issue) => issue.severity === "error"),
    figures: result.figures.map((figure) => withoutLine(figure, allocation.lines.length)),
    issues,
  };
}

/** The prose and the caseworker's effect rows of a drafted note. */
function validateProse(note: AssembledNote, allocation: Allocation): ValidationResult {
  const ranges = sectionsWith(note, TEXT_KEYS)
    .filter((section) => !section.fromData || section.table !== undefined)
    .map(spanOf);
  return validateProseRanges(note.text, ranges, allocation);
}

/** The agreement text (`span` of `text`) against the areas' sums: every area stated, each at its total over its years. */
function validateAgreementSpan(
  text: string,
  span: Range,
  allocation: Allocation,
): ValidationResult {
  const result = validateText(maskExcept(text, [span]), allocationByArea(allocation));
  const issues = result.issues.map((issue) =>
    issue.code === "line_not_mentioned" ? { ...issue, ...span } : issue,
  );
  return { ok: result.ok, figures: result.figures.map((figure) => withoutLine(figure, 0)), issues };
}

function validateAgreement(note: AssembledNote, allocation: Allocation): ValidationResult {
  const agreement = sectionsWith(note, ["aftaletekst"])[0];
  if (agreement === undefined) return { ok: true, figures: [], issues: [] };
  return validateAgreementSpan(note.text, spanOf(agreement), allocation);
}

function figureOf(figure: ReturnType<typeof extractFigures>[number], offset: number): Figure {
  const { start, end, sentence, ...fields } = figure;
  return {
    ...fields,
    span: { start: start + offset, end: end + offset },
    sentence: {
      text: sentence.text,
      span: { start: sentence.start + offset, end: sentence.end + offset },
    },
  };
}

const DRAFT_DOCUMENT_ID = "udkast";

/** The corpus document a draft stands in for while the audit reads it. */
function draftCorpusDocument(title: string, firstYear: number): CorpusDocument {
  return {
    id: DRAFT_DOCUMENT_ID,
    kind: "budget_note",
    year: firstYear,
    budgetYear: firstYear,
    title,
    source: "udkast",
    contentHash: NO_HASH,
    layout: "budget-note",
  };
}

/** The draft as the audit reads a parsed budget note: one card with the agreement text, and the economy and technical tables. */
export function budgetNoteDocument(
  note: { title: string; text: string; sections: readonly DraftSection[] },
  tables: ReadonlyArray<{ key: string; table: RenderedTable; rowOffsets: readonly number[] }>,
  years: readonly number[],
): ParsedDocument {
  const cardId = `${DRAFT_DOCUMENT_ID}-1`;
  const first = years[0] ?? 0;
  const agreement = note.sections.find((section) => section.key === "aftaletekst");
  const card: Card = {
    id: cardId,
    documentId: DRAFT_DOCUMENT_ID,
    ordinal: 1,
    title: note.title,
    sections:
      agreement === undefined
        ? []
        : [
            {
              kind: "agreement_text",
              heading: agreement.heading,
              text: agreement.text,
              span: spanOf(agreement),
              offsets: [[0, agreement.start]],
            },
          ],
    decision: "ukendt",
    flags: [],
    span: { start: 0, end: note.text.length },
    figures:
      agreement === undefined
        ? []
        : extractFigures(agreement.text).map((figure) => figureOf(figure, agreement.start)),
  };
  const budgetTables: BudgetTable[] = tables.flatMap(({ key, table, rowOffsets }) => {
    const section = note.sections.find((candidate) => candidate.key === key);
    if (section === undefined || table.kind === "effect") return [];
    const rows: TableRow[] = table.rows.map((row, index) => {
      const start = section.start + (rowOffsets[index] ?? 0);
      return {
        label: row.label,
        ...(row.area === undefined ? {} : { area: row.area }),
        ...(row.committee === undefined ? {} : { committee: row.committee }),
        ...(row.appropriation === undefined ? {} : { appropriation: row.appropriation }),
        ...(table.kind === "technical" && !row.isTotal ? { direction: "U" as const } : {}),
        values: row.values,
        ...(row.statedTotal === undefined ? {} : { statedTotal: row.statedTotal }),
        isTotal: row.isTotal,
        span: { start, end: start + row.cells.join("\t").length },
      };
    });
    return [
      {
        id: `${cardId}-${key}`,
        cardId,
        kind: table.kind,
        title: table.caption,
        unit: TABLE_UNIT,
        ...(table.priceLevel === undefined ? {} : { priceLevel: table.priceLevel }),
        years: table.years,
        rows,
        // The technical table splits the economy table again: the audit checks its rows against the economy table's totals.
        continuation: table.kind === "technical",
        span: spanOf(section),
      },
    ];
  });
  return {
    document: draftCorpusDocument(note.title, first),
    cards: [card],
    tables: budgetTables,
  };
}

function issueOfFinding(finding: AuditFinding): ValidationIssue {
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    start: finding.start,
    end: finding.end,
    ...(finding.expected === undefined ? {} : { expected: finding.expected }),
    ...(finding.found === undefined ? {} : { found: finding.found }),
  };
}

/** The audit's table checks on the rendered tables and agreement text, as validation issues. */
function auditTables(note: AssembledNote, allocation: Allocation): ValidationIssue[] {
  const tables = note.planned.flatMap((section) =>
    section.table === undefined
      ? []
      : [{ key: section.key, table: section.table, rowOffsets: section.rowOffsets ?? [] }],
  );
  const document = budgetNoteDocument(note, tables, tableYears(allocation));
  return auditBudgetTables(document, new Map([[DRAFT_DOCUMENT_ID, note.text]])).map(issueOfFinding);
}

/** The prose, agreement text and table findings as one result, in text order. */
function combine(
  prose: ValidationResult,
  agreement: ValidationResult,
  others: readonly ValidationIssue[],
): ValidationResult {
  const issues = [...prose.issues, ...agreement.issues, ...others].sort(
    (left, right) => left.start - right.start || left.end - right.end,
  );
  const figures = [...prose.figures, ...agreement.figures].sort(
    (left, right) => left.start - right.start,
  );
  return { ok: !issues.some((issue) => issue.severity === "error"), figures, issues };
}

function validateNote(note: AssembledNote, allocation: Allocation): ValidationResult {
  return combine(
    validateProse(note, allocation),
    validateAgreement(note, allocation),
    auditTables(note, allocation),
  );
}

const isOpen = (issue: ValidationIssue): boolean =>
  issue.severity === "error" || issue.severity === "warning";

/** The prose as the writer last wrote it, and the open findings on it with offsets into that text. */
function proseFindings(
  note: AssembledNote,
  validation: ValidationResult,
): { previousText: string; issues: ValidationIssue[] } {
  const prose = sectionsWith(note, PROSE_KEYS);
  let previousText = "";
  const issues: ValidationIssue[] = [];
  for (const section of prose) {
    if (previousText !== "") previousText += "\n\n";
    previousText += `${section.heading}\n`;
    const shift = previousText.length - section.start;
    previousText += section.text;
    const { start, end } = spanOf(section);
    for (const issue of validation.issues) {
      if (isOpen(issue) && issue.start >= start && issue.end <= end)
        issues.push({ ...issue, start: issue.start + shift, end: issue.end + shift });
    }
  }
  return { previousText, issues };
}

// ---------------------------------------------------------------------------------------------
// An edited note

/** Put above a note without a code for the parser, which finds a note by its code line ("BI12 …"). */
const PLACEHOLDER_CODE_LINE = "X0 udkast\n";

/** Draft section keys of the parser's section kinds (a revision's sections). */
const KEY_OF_KIND: Partial<Record<SectionKind, string>> = {
  background: "baggrund",
  content: "indhold",
  expected_effect: "forventetEffekt",
  economy: "økonomi",
  risk: "risikovurderingOgProces",
  technical: "bevillingstekniskeOplysninger",
  other_technical: "øvrigeTekniskeOplysninger",
  previous_funding: "tidligereAfsatteMidler",
  agreement_text: "aftaletekst",
};
/** Sections a caseworker writes as prose (text before the first heading too): checked as the drafted prose is. */
const PROSE_KINDS: ReadonlySet<SectionKind> = new Set([
  "other",
  "background",
  "content",
  "expected_effect",
  "risk",
  "other_technical",
]);
/** Sections around the money tables: what is not table is checked as prose. */
const TABLE_KINDS: ReadonlySet<SectionKind> = new Set(["economy", "technical"]);

type ReadSection = { kind: SectionKind; heading: string; span: Range; body: Range };
type ReadNote = { sections: ReadSection[]; tables: BudgetTable[]; cardId: string };

/** `text` read by the corpus's budget-note parser, every span an offset into `text`; undefined when it is not a budget note. */
function readNote(text: string, firstYear: number): ReadNote | undefined {
  const shift = detectBudgetNote(text)
    ? 0
    : detectBudgetNote(PLACEHOLDER_CODE_LINE + text)
      ? PLACEHOLDER_CODE_LINE.length
      : undefined;
  if (shift === undefined) return undefined;
  let parsed: ReturnType<typeof parseBudgetNote>;
  try {
    parsed = parseBudgetNote(
      shift === 0 ? text : PLACEHOLDER_CODE_LINE + text,
      draftCorpusDocument("", firstYear),
    );
  } catch (error) {
    if (error instanceof CorpusError) return undefined;
    throw error;
  }
  const card = parsed.cards[0];
  if (card === undefined) return undefined;
  const at = (offset: number): number => Math.max(0, offset - shift);
  const shifted = (span: Range): Range => ({ start: at(span.start), end: at(span.end) });
  const sections = card.sections.map((section): ReadSection => {
    const span = shifted(section.span);
    const bodyStart = section.offsets[0]?.[1];
    return {
      kind: section.kind,
      heading: section.heading,
      span,
      body: {
        start: bodyStart === undefined ? span.end : Math.min(at(bodyStart), span.end),
        end: span.end,
      },
    };
  });
  const tables = parsed.tables.map(
    (table, index): BudgetTable => ({
      ...table,
      // As in the drafted note: the technical table splits the economy table again.
      continuation:
        table.continuation ||
        (table.kind === "technical" &&
          parsed.tables.slice(0, index).some((earlier) => earlier.kind === "economy")),
      span: shifted(table.span),
      rows: table.rows.map((row) => ({ ...row, span: shifted(row.span) })),
    }),
  );
  return { sections, tables, cardId: card.id };
}

/** `range` without the parts inside `holes`. */
function without(range: Range, holes: readonly Range[]): Range[] {
  let parts: Range[] = [range];
  for (const hole of holes) {
    parts = parts.flatMap((part) => {
      if (hole.end <= part.start || hole.start >= part.end) return [part];
      return [
        { start: part.start, end: hole.start },
        { start: hole.end, end: part.end },
      ].filter((piece) => piece.end > piece.start);
    });
  }
  return parts;
}

/** The value cells of a table row as tokens of `text` (label words and "U" before them are not cells). */
function valueCells(
  text: string,
  row: TableRow,
  table: BudgetTable,
): Array<{ text: string; start: number; end: number }> | undefined {
  const raw = text.slice(row.span.start, row.span.end);
  const tokens = [...raw.matchAll(/[÷−] ?\d[\d.,]*(?=\s|$)|\S+/gu)].map((match) => ({
    text: match[0],
    start: row.span.start + match.index,
    end: row.span.start + match.index + match[0].length,
  }));
  const count = table.years.length + (row.statedTotal === undefined ? 0 : 1);
  const cells = tokens.slice(-count);
  return cells.length === count && cells.every((cell) => parseTableNumber(cell.text) !== undefined)
    ? cells
    : undefined;
}

/**
 * The economy and technical tables' activity rows against the lines they name (by label): each
 * year's cell, in the table's unit, against the line's amount. The audit checks the tables
 * against themselves; this checks them against the data.
 */
function tableDataIssues(
  text: string,
  tables: readonly BudgetTable[],
  allocation: Allocation,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const table of tables) {
    if (table.kind !== "economy" && table.kind !== "technical") continue;
    const unused = [...allocation.lines];
    const name = table.title.split(/\s[–-]\s|\.\s/u)[0] ?? table.title;
    for (const row of table.rows) {
      if (row.isTotal) continue;
      const at = unused.findIndex(
        (line) => line.label !== undefined && oneLine(line.label) === oneLine(row.label),
      );
      const line = unused[at];
      if (line === undefined) continue;
      unused.splice(at, 1);
      const cells = valueCells(text, row, table);
      table.years.forEach((year, index) => {
        const found = row.values[String(year)] ?? null;
        const kroner = line.amounts[String(year)];
        const expected =
          kroner === undefined || kroner === 0
            ? null
            : table.unit === TABLE_UNIT
              ? thousands(kroner)
              : Math.round((kroner / toKroner(1, table.unit)) * 10) / 10;
        const agrees =
          expected === null
            ? found === null || found === 0
            : found !== null &&
              Math.abs(toKroner(found, table.unit) - (kroner ?? 0)) <= toKroner(0.5, table.unit);
        if (agrees) return;
        const cell = cells?.[index] ?? row.span;
        const expectedText = expected === null ? EMPTY_CELL : formatDanishNumber(expected);
        const foundText = found === null ? EMPTY_CELL : formatDanishNumber(found);
        issues.push({
          code: "amount_mismatch",
          severity: "error",
          message: `I ${name} står der ${foundText} for ${year} i rækken "${row.label}", men bevillingsdata giver ${expectedText} (${table.unit}).`,
          start: cell.start,
          end: cell.end,
          expected: expectedText,
          found: foundText,
        });
      });
    }
  }
  return issues;
}

/** The note as the audit reads it: its tables, and one card with the agreement text's figures. */
function editedDocument(
  text: string,
  note: ReadNote,
  agreement: ReadSection | undefined,
  firstYear: number,
): ParsedDocument {
  const card: Card = {
    id: note.cardId,
    documentId: DRAFT_DOCUMENT_ID,
    ordinal: 1,
    title: "",
    sections:
      agreement === undefined
        ? []
        : [
            {
              kind: "agreement_text",
              heading: agreement.heading,
              text: text.slice(agreement.body.start, agreement.body.end),
              span: agreement.span,
              offsets: [[0, agreement.body.start]],
            },
          ],
    decision: "ukendt",
    flags: [],
    span: { start: 0, end: text.length },
    figures:
      agreement === undefined
        ? []
        : extractFigures(text.slice(agreement.body.start, agreement.body.end)).map((figure) =>
            figureOf(figure, agreement.body.start),
          ),
  };
  return { document: draftCorpusDocument("", firstYear), cards: [card], tables: note.tables };
}

/** Rows of the tab-separated lines of a section's text, as a drafted section's `table` (two lines at least). */
function tabTable(body: string): string[][] | undefined {
  const rows = body
    .split("\n")
    .filter((line) => line.includes("\t"))
    .map((line) => line.split("\t").map((cell) => cell.trim()));
  return rows.length >= 2 ? rows : undefined;
}

function warningOver(
  text: string,
  message: string,
  span: Range = { start: 0, end: text.length },
): ValidationIssue {
  return { code: "line_not_mentioned", severity: "warning", message, ...span };
}

export type BudgetNoteTextCheck = {
  validation: ValidationResult;
  /** The note's sections as the parser read them, offsets into the text (empty when the text is not readable as a budget note). */
  sections: DraftSection[];
};

/**
 * Validates a budget note's text as a caseworker edited it, the way `draftBudgetNote` validates
 * a drafted one: the text is read back with the corpus's budget-note parser; prose sections are
 * checked against the lines and the areas' sums, the agreement text against one line per area,
 * the tables with the audit's table checks and their activity rows against the lines. Offsets
 * are into `text`. A text without the note's headings is checked as prose only, with a warning.
 */
export function validateBudgetNoteText(text: string, allocation: Allocation): BudgetNoteTextCheck {
  const firstYear = allocation.lines.length === 0 ? 0 : (tableYears(allocation)[0] ?? 0);
  const note = readNote(text, firstYear);
  if (note === undefined) {
    const prose = validateProseRanges(text, [{ start: 0, end: text.length }], allocation);
    const unreadable = warningOver(
      text,
      `Teksten kan ikke læses som et budgetnotat: overskrifterne (${Object.values(BUDGET_NOTE_HEADINGS).join(", ")}) skal stå på hver sin linje. Tabellerne og aftaleteksten er derfor ikke kontrolleret.`,
    );
    return {
      validation: combine(prose, { ok: true, figures: [], issues: [] }, [unreadable]),
      sections: [],
    };
  }

  const tableSpans = note.tables.map((table) => table.span);
  const proseRanges = note.sections.flatMap((section) =>
    PROSE_KINDS.has(section.kind)
      ? [section.body]
      : TABLE_KINDS.has(section.kind)
        ? without(section.body, tableSpans)
        : [],
  );
  const prose = validateProseRanges(text, proseRanges, allocation);

  const agreementSection = note.sections.find((section) => section.kind === "agreement_text");
  const agreement =
    agreementSection === undefined
      ? {
          ok: true,
          figures: [],
          issues: validateText(maskExcept(text, []), allocationByArea(allocation))
            .issues.filter((issue) => issue.code === "line_not_mentioned")
            .map((issue) => ({
              ...issue,
              message: `Forslag til aftaletekst mangler. ${issue.message}`,
            })),
        }
      : validateAgreementSpan(text, agreementSection.body, allocation);

  const others: ValidationIssue[] = [];
  if (!note.tables.some((table) => table.kind === "economy")) {
    const economy = note.sections.find((section) => section.kind === "economy");
    others.push(
      warningOver(
        text,
        economy === undefined
          ? `Afsnittet "${BUDGET_NOTE_HEADINGS.økonomi}" mangler, så økonomitabellen er ikke kontrolleret.`
          : `Afsnittet "${BUDGET_NOTE_HEADINGS.økonomi}" har ingen tabel, der kan læses (en overskriftslinje med enhed og år, fx "${TABLE_UNIT} … 2025 2026 … I alt", og en linje pr. aktivitet), så økonomitabellen er ikke kontrolleret.`,
        economy?.span,
      ),
    );
  }
  const document = editedDocument(text, note, agreementSection, firstYear);
  others.push(
    ...auditBudgetTables(document, new Map([[DRAFT_DOCUMENT_ID, text]])).map(issueOfFinding),
    ...tableDataIssues(text, note.tables, allocation),
  );

  const sections = note.sections.flatMap((section): DraftSection[] => {
    const key = KEY_OF_KIND[section.kind];
    if (key === undefined) return [];
    const body = text.slice(section.body.start, section.body.end);
    const table = tabTable(body);
    return [
      {
        key,
        heading: section.heading,
        text: body,
        start: section.body.start,
        fromData: false,
        ...(table === undefined ? {} : { table }),
      },
    ];
  });
  return { validation: combine(prose, agreement, others), sections };
}

// ---------------------------------------------------------------------------------------------
// Drafting

function defaultId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Drafts a budget note. The writer writes Baggrund and Indhold; everything with money is rendered
 * from `request`. Status is "clean" only when no error and no warning remain.
 */
export async function draftBudgetNote(
  request: BudgetNoteDraftRequest,
  deps: DraftBudgetNoteDependencies,
): Promise<Draft> {
  const maxAttempts = Math.max(1, deps.maxAttempts ?? DEFAULT_BUDGET_NOTE_ATTEMPTS);
  const allocation = budgetNoteAllocation(request);
  const examples = deps.examples ?? [];
  const context: BudgetNoteContext = {
    title: request.title,
    purpose: request.purpose,
    allocation,
    economySentence: renderAgreementText(request),
    examples,
  };

  let attempts = 0;
  let best: { note: AssembledNote; validation: ValidationResult; open: number } | undefined;
  let repair: { previousText: string; issues: ValidationIssue[] } | undefined;
  const modelCalls: ModelCallTrace[] = [];
  while (attempts < maxAttempts) {
    const prose = await deps.writer.write(context, repair);
    attempts += 1;
    modelCalls.push(...(prose.modelCalls ?? []));
    const note = assemble(request, prose, allocation);
    const validation = validateNote(note, allocation);
    const findings = proseFindings(note, validation);
    const open = validation.issues.filter(isOpen).length;
    if (best === undefined || open <= best.open) best = { note, validation, open };
    // Only the writer's own text can be repaired; findings elsewhere stay on the draft.
    if (findings.issues.length === 0) break;
    repair = findings;
  }
  if (best === undefined) throw new Error("a budget note is drafted at least once");

  const { note, validation } = best;
  return {
    id: (deps.newId ?? defaultId)(),
    kind: "budget_note",
    version: 1,
    title: note.title,
    sections: note.sections,
    text: note.text,
    validation,
    status: validation.issues.some(isOpen) ? "flagged" : "clean",
    sources: examples,
    prompt: { ...deps.writer.prompt },
    model: deps.writer.id,
    attempts,
    ...(modelCalls.length === 0 ? {} : { modelCalls }),
    allocation,
    input: { ...request },
    author: request.author ?? "ukendt",
    createdAt: (deps.now ?? (() => new Date()))().toISOString(),
  };
}
