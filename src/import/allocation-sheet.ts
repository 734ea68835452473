/**
 * Allocation spreadsheets (.xlsx or .csv): one row per allocation line with the initiative, area,
 * recipient, price level and one column per budget year ("2027", "2028 (1.000 kr.)", …), in kr.,
 * 1.000 kr. or mio. kr. as the year header, a unit column or a unit cell above the header says.
 * Rows are checked cell by cell and then against AllocationSchema; every problem names the file,
 * the row and the column. Rows are grouped per initiative id into Allocation objects.
 */
import type ExcelJS from "exceljs";
import { escapeSpreadsheetText, unescapeSpreadsheetText } from "../security/export-escaping.ts";
import { checkArchive } from "./archive-limits.ts";
import type { Allocation, AllocationLine } from "../domain/index.ts";
import { AREAS, AllocationSchema } from "../domain/index.ts";
import { slugify } from "../corpus/slugify.ts";
import {
  parsePriceLevel,
  parseDanishNumber,
  readUnitFactor,
  unitOfFactor,
} from "../money/index.ts";
import type { AllocationEntry } from "../ports/allocation-store.ts";
import { formatCsv, parseCsv } from "./csv.ts";
import { detectFormat } from "./detect-format.ts";

export type SheetCell = string | number | null;

const SAFE_ALLOCATION_ID = /^[\p{L}\d][\p{L}\d._-]{0,120}$/u;

/** Why a text cannot be an allocation id (it names a file), or undefined when it can. */
export function allocationIdProblem(id: string): string | undefined {
  return SAFE_ALLOCATION_ID.test(id) && !id.includes("..")
    ? undefined
    : `"${id}" cannot be an allocation id: use letters, digits, ".", "_" and "-", starting with a letter or digit (e.g. bilag-2026-04).`;
}

/** A problem with one cell, row or the whole file; `message` is complete on its own. */
export type SheetProblem = { file: string; row?: number; column?: string; message: string };

export type AllocationSheet = {
  file: string;
  format: "xlsx" | "csv";
  allocations: AllocationEntry[];
  errors: SheetProblem[];
};

type Field =
  | "id"
  | "card"
  | "initiative"
  | "area"
  | "recipient"
  | "priceLevel"
  | "committee"
  | "appropriation"
  | "label"
  | "unit";

const FIELD_NAMES: Readonly<Record<Field, readonly string[]>> = {
  id: ["id", "initiativ-id", "initiativ id", "initiative id", "initiativeid"],
  card: ["card", "cardid", "card id", "kort", "kort-id", "kort id"],
  initiative: ["initiative", "initiativ", "initiativets navn", "navn", "name", "initiativnavn"],
  area: ["area", "område", "styringsområde"],
  recipient: ["recipient", "modtager"],
  priceLevel: ["price level", "pricelevel", "p/l", "pl", "prisniveau", "p/l-niveau"],
  committee: ["committee", "udvalg"],
  appropriation: ["appropriation", "bevilling", "bevillingsområde"],
  label: ["label", "aktivitet", "activity", "tekst"],
  unit: ["unit", "enhed"],
};
const FIELD_LABEL: Readonly<Record<Field, string>> = {
  id: "id",
  card: "card",
  initiative: "initiative",
  area: "area",
  recipient: "recipient",
  priceLevel: "price level",
  committee: "committee",
  appropriation: "appropriation",
  label: "label",
  unit: "unit",
};

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  let rest = index + 1;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  // A text cell an export escaped against formulas ("'=…") reads back as written.
  return typeof cell === "number" ? String(cell) : unescapeSpreadsheetText(cell.trim()).trim();
}

function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/[:*]/gu, "").replace(/\s+/gu, " ").trim();
}

const YEAR_HEADER = /^((?:19|20|21)\d\d)\b\s*(.*)$/u;

type Header = {
  row: number;
  fields: Partial<Record<Field, number>>;
  years: Array<{ year: string; column: number; factor: number | undefined }>;
};

type Locator = { row: number; column: number; heading: string };

function at(file: string, locator: Locator | { row: number }, message: string): SheetProblem {
  if ("column" in locator) {
    const column = columnLetter(locator.column);
    return {
      file,
      row: locator.row,
      column,
      message: `${file}, row ${locator.row}, column ${column} (${locator.heading}): ${message}`,
    };
  }
  return { file, row: locator.row, message: `${file}, row ${locator.row}: ${message}` };
}

/** Finds the header row: the first of the first 20 rows with a year column and an initiative or area column. */
function findHeader(
  file: string,
  rows: readonly (readonly SheetCell[])[],
  errors: SheetProblem[],
): Header | undefined {
  for (let index = 0; index < Math.min(rows.length, 20); index += 1) {
    const cells = rows[index] ?? [];
    const fields: Partial<Record<Field, number>> = {};
    const years: Header["years"] = [];
    cells.forEach((cell, column) => {
      const text = normalizeHeader(cellText(cell));
      if (text === "") return;
      const year = YEAR_HEADER.exec(text);
      if (year !== null && (year[2] === "" || /^\(|kr|mio|mia/u.test(year[2] ?? ""))) {
        years.push({ year: year[1] ?? "", column, factor: readUnitFactor(year[2] ?? "") });
        return;
      }
      for (const [field, names] of Object.entries(FIELD_NAMES) as Array<
        [Field, readonly string[]]
      >) {
        if (names.includes(text.replace(/\s*\(.*\)$/u, "")) && fields[field] === undefined)
          fields[field] = column;
      }
    });
    if (years.length === 0 || (fields.initiative === undefined && fields.area === undefined))
      continue;
    const header: Header = { row: index + 1, fields, years };
    const seen = new Map<string, number>();
    for (const year of years) {
      const earlier = seen.get(year.year);
      if (earlier !== undefined) {
        errors.push({
          file,
          row: header.row,
          column: columnLetter(year.column),
          message: `${file}, row ${header.row}, columns ${columnLetter(earlier)} and ${columnLetter(year.column)}: the year ${year.year} is given twice.`,
        });
      } else {
        seen.set(year.year, year.column);
      }
    }
    if (fields.initiative === undefined && fields.id === undefined)
      errors.push(
        at(file, { row: header.row }, 'the header has no "initiative" (or "id") column.'),
      );
    if (fields.area === undefined)
      errors.push(
        at(
          file,
          { row: header.row },
          'the header has no "area" column (service, indsats, overførsler or anlæg).',
        ),
      );
    return header;
  }
  errors.push({
    file,
    message: `${file}: no header row was found in the first 20 rows. Expected columns such as "initiative", "area", "recipient", "price level" and one column per year ("2027", "2028 (1.000 kr.)", …).`,
  });
  return undefined;
}

/** A unit cell above the header ("Beløb i 1.000 kr.", "Enhed: mio. kr."). */
function sheetUnit(rows: readonly (readonly SheetCell[])[], header: Header): number | undefined {
  for (const cells of rows.slice(0, header.row - 1)) {
    for (const cell of cells) {
      const factor = readUnitFactor(cellText(cell));
      if (factor !== undefined) return factor;
    }
  }
  return undefined;
}

/** An amount cell in kroner: a number, or a Danish number as text ("5.700", "5,7"), times the unit. */
function readAmount(
  cell: SheetCell,
  factor: number,
): { ok: true; value: number } | { ok: false; reason: string } {
  let value: number | undefined;
  if (typeof cell === "number") value = cell;
  else {
    const text = (cell ?? "")
      .replace(/\s+(?:kr\.?|dkk)$/iu, "")
      .replace(/(?<=\d)\s(?=\d{3}\b)/gu, ".")
      .trim();
    value = parseDanishNumber(text)?.value;
    if (value === undefined) return { ok: false, reason: `'${cell}' is not an amount` };
  }
  if (!Number.isFinite(value)) return { ok: false, reason: `'${cellText(cell)}' is not an amount` };
  if (value < 0)
    return { ok: false, reason: `'${cellText(cell)}' is negative; amounts cannot be negative` };
  const kroner = value * factor;
  const rounded = Math.round(kroner);
  if (Math.abs(kroner - rounded) > 1e-6 * Math.max(1, factor))
    return {
      ok: false,
      reason: `'${cellText(cell)}' ${unitOfFactor(factor) ?? "kr."} is not a whole number of kroner`,
    };
  return { ok: true, value: rounded };
}

function readPriceLevel(
  cell: SheetCell,
): { ok: true; value: number | undefined } | { ok: false; reason: string } {
  const text = cellText(cell);
  if (text === "") return { ok: true, value: undefined };
  const level = parsePriceLevel(text);
  if (level === "løbende") return { ok: true, value: undefined };
  if (level === undefined)
    return {
      ok: false,
      reason: `'${text}' is not a price level (a year such as 2027, "2027 p/l", or "løbende")`,
    };
  return { ok: true, value: level };
}

type PendingLine = { row: number; line: AllocationLine; yearColumns: Map<string, number> };
type PendingAllocation = {
  id: string;
  firstRow: number;
  initiative: string | undefined;
  priceLevel: number | undefined;
  priceLevelRow: number | undefined;
  cardId: string | undefined;
  lines: PendingLine[];
};

/** Reads allocation rows (row 1 first) into allocations per initiative, with every problem found. */
export function readAllocationRows(
  file: string,
  rows: readonly (readonly SheetCell[])[],
  format: "xlsx" | "csv",
): AllocationSheet {
  const errors: SheetProblem[] = [];
  const header = findHeader(file, rows, errors);
  if (header === undefined || errors.length > 0) return { file, format, allocations: [], errors };
  const defaultFactor = sheetUnit(rows, header) ?? 1;
  const { fields } = header;
  const heading = (column: number) =>
    normalizeHeader(cellText(rows[header.row - 1]?.[column] ?? null)) || columnLetter(column);
  const pending = new Map<string, PendingAllocation>();
  for (let index = header.row; index < rows.length; index += 1) {
    const cells = rows[index] ?? [];
    const row = index + 1;
    if (cells.every((cell) => cellText(cell) === "")) continue;
    const get = (field: Field) =>
      fields[field] === undefined ? "" : cellText(cells[fields[field]] ?? null);
    const locate = (field: Field): Locator => ({
      row,
      column: fields[field] ?? 0,
      heading: FIELD_LABEL[field],
    });
    const initiative = get("initiative");
    const card = get("card");
    const id = get("id") || card || (initiative === "" ? "" : slugify(initiative));
    if (id === "") {
      errors.push(
        at(
          file,
          fields.initiative === undefined ? { row } : locate("initiative"),
          "the row names no initiative (give its name or id).",
        ),
      );
      continue;
    }
    const idProblem = allocationIdProblem(id);
    if (idProblem !== undefined) {
      errors.push(
        at(file, locate(get("id") !== "" ? "id" : card !== "" ? "card" : "initiative"), idProblem),
      );
      continue;
    }
    const rowErrors = errors.length;
    const areaText = get("area")
      .toLowerCase()
      .replace(/^overførsel$/u, "overførsler");
    if (areaText === "")
      errors.push(at(file, locate("area"), `the area is empty; give one of ${AREAS.join(", ")}.`));
    else if (!(AREAS as readonly string[]).includes(areaText))
      errors.push(
        at(file, locate("area"), `'${get("area")}' is not an area (${AREAS.join(", ")}).`),
      );
    const priceLevel =
      fields.priceLevel === undefined
        ? { ok: true as const, value: undefined }
        : readPriceLevel(cells[fields.priceLevel] ?? null);
    if (!priceLevel.ok) errors.push(at(file, locate("priceLevel"), `${priceLevel.reason}.`));
    let factor = defaultFactor;
    if (fields.unit !== undefined && get("unit") !== "") {
      const rowFactor = readUnitFactor(get("unit"));
      if (rowFactor === undefined)
        errors.push(
          at(file, locate("unit"), `'${get("unit")}' is not a unit (kr., 1.000 kr. or mio. kr.).`),
        );
      else factor = rowFactor;
    }
    const amounts: Record<string, number> = {};
    const yearColumns = new Map<string, number>();
    for (const year of header.years) {
      const cell = cells[year.column] ?? null;
      if (cellText(cell) === "") continue;
      const amount = readAmount(
        cell,
        fields.unit !== undefined && get("unit") !== "" ? factor : (year.factor ?? factor),
      );
      if (!amount.ok) {
        errors.push(
          at(
            file,
            { row, column: year.column, heading: heading(year.column) },
            `${amount.reason}.`,
          ),
        );
        continue;
      }
      amounts[year.year] = amount.value;
      yearColumns.set(year.year, year.column);
    }
    if (errors.length > rowErrors) continue;
    if (Object.keys(amounts).length === 0) {
      errors.push(
        at(
          file,
          { row },
          `no amount is given in any year column (${header.years.map((year) => year.year).join(", ")}).`,
        ),
      );
      continue;
    }
    const line: AllocationLine = { area: areaText as AllocationLine["area"], amounts };
    for (const field of ["recipient", "committee", "appropriation", "label"] as const) {
      const value = get(field);
      if (value !== "") line[field] = value;
    }
    let entry = pending.get(id);
    if (entry === undefined) {
      entry = {
        id,
        firstRow: row,
        initiative: undefined,
        priceLevel: undefined,
        priceLevelRow: undefined,
        cardId: undefined,
        lines: [],
      };
      pending.set(id, entry);
    }
    if (initiative !== "") {
      if (entry.initiative === undefined) entry.initiative = initiative;
      else if (entry.initiative !== initiative)
        errors.push(
          at(
            file,
            locate("initiative"),
            `'${initiative}' differs from '${entry.initiative}' given for ${id} in row ${entry.firstRow}.`,
          ),
        );
    }
    if (priceLevel.ok && priceLevel.value !== undefined) {
      if (entry.priceLevel === undefined) {
        entry.priceLevel = priceLevel.value;
        entry.priceLevelRow = row;
      } else if (entry.priceLevel !== priceLevel.value) {
        errors.push(
          at(
            file,
            locate("priceLevel"),
            `${priceLevel.value} differs from the price level ${entry.priceLevel} given for ${id} in row ${entry.priceLevelRow ?? entry.firstRow}; one initiative has one price level.`,
          ),
        );
      }
    }
    const cardId = card !== "" ? card : /^(?:bilag|budgetnotat)-/u.test(id) ? id : undefined;
    if (cardId !== undefined) entry.cardId ??= cardId;
    entry.lines.push({ row, line, yearColumns });
  }
  const allocations: AllocationEntry[] = [];
  for (const entry of pending.values()) {
    const candidate: Record<string, unknown> = {
      initiative: entry.initiative ?? entry.id,
      lines: entry.lines.map((line) => line.line),
    };
    if (entry.priceLevel !== undefined) candidate.priceLevel = entry.priceLevel;
    if (entry.cardId !== undefined) candidate.cardId = entry.cardId;
    const parsed = AllocationSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, lineIndex, key, year] = issue.path;
        const line =
          first === "lines" && typeof lineIndex === "number" ? entry.lines[lineIndex] : undefined;
        const column =
          line !== undefined && key === "amounts" && typeof year === "string"
            ? line.yearColumns.get(year)
            : undefined;
        if (line !== undefined && column !== undefined)
          errors.push(
            at(file, { row: line.row, column, heading: heading(column) }, `${issue.message}.`),
          );
        else
          errors.push(
            at(
              file,
              { row: line?.row ?? entry.firstRow },
              `${entry.id}: ${issue.path.join(".") || "allocation"}: ${issue.message}.`,
            ),
          );
      }
      continue;
    }
    allocations.push({ id: entry.id, allocation: parsed.data });
  }
  return { file, format, allocations: errors.length > 0 ? [] : allocations, errors };
}

function excelCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((run) => run.text).join("");
    if ("result" in value) {
      const result = value.result;
      if (typeof result === "number" || typeof result === "string") return result;
      return null;
    }
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return String(value.error);
  }
  return null;
}

/** exceljs, loaded on first use: it takes about a second to import, which every start would pay. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

/** The rows of the first worksheet of an .xlsx file (row 1 first), cells as text or numbers. */
export async function readXlsxRows(bytes: Uint8Array): Promise<SheetCell[][]> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  const rows: SheetCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = excelCell(cell.value);
    });
    rows[rowNumber - 1] = Array.from(cells, (cell) => cell ?? null);
  });
  return Array.from(rows, (row) => row ?? []);
}

/** Reads an allocation spreadsheet (.xlsx by content, else UTF-8 CSV); errors name file, row and column. */
export async function readAllocationSpreadsheet(
  file: string,
  bytes: Uint8Array,
): Promise<AllocationSheet> {
  const format = detectFormat(bytes);
  if (format === "xlsx") {
    // A decompression bomb is refused (413) before exceljs unpacks anything.
    await checkArchive(file, bytes);
    let rows: SheetCell[][];
    try {
      rows = await readXlsxRows(bytes);
    } catch (cause) {
      return {
        file,
        format: "xlsx",
        allocations: [],
        errors: [
          {
            file,
            message: `${file}: the spreadsheet cannot be read (${cause instanceof Error ? cause.message : String(cause)}).`,
          },
        ],
      };
    }
    return readAllocationRows(file, rows, "xlsx");
  }
  if (format === "text")
    return readAllocationRows(file, parseCsv(new TextDecoder().decode(bytes)), "csv");
  const what =
    format === "pdf" ? "a PDF" : format === "docx" ? "a Word document" : "not a spreadsheet";
  return {
    file,
    format: "csv",
    allocations: [],
    errors: [
      {
        file,
        message: `${file}: the file is ${what}; give allocation data as .xlsx or .csv with one row per line and one column per year.`,
      },
    ],
  };
}

const EXPORT_FIELDS: ReadonlyArray<
  readonly [string, (id: string, allocation: Allocation, line: AllocationLine) => string | number]
> = [
  ["id", (id) => id],
  ["initiative", (_id, allocation) => allocation.initiative],
  ["card", (_id, allocation) => allocation.cardId ?? ""],
  ["area", (_id, _allocation, line) => line.area],
  ["recipient", (_id, _allocation, line) => line.recipient ?? ""],
  ["price level", (_id, allocation) => allocation.priceLevel ?? "løbende"],
  ["committee", (_id, _allocation, line) => line.committee ?? ""],
  ["appropriation", (_id, _allocation, line) => line.appropriation ?? ""],
  ["label", (_id, _allocation, line) => line.label ?? ""],
];

/** Allocations as table rows (header first), amounts in whole kroner, one column per year. */
export function allocationRows(entries: readonly AllocationEntry[]): Array<Array<string | number>> {
  const years = [
    ...new Set(
      entries.flatMap((entry) =>
        entry.allocation.lines.flatMap((line) => Object.keys(line.amounts)),
      ),
    ),
  ].sort();
  const rows: Array<Array<string | number>> = [
    [...EXPORT_FIELDS.map(([name]) => name), ...years.map((year) => `${year} (kr.)`)],
  ];
  for (const { id, allocation } of entries) {
    for (const line of allocation.lines)
      rows.push([
        ...EXPORT_FIELDS.map(([, read]) => read(id, allocation, line)),
        ...years.map((year) => line.amounts[year] ?? ""),
      ]);
  }
  return rows;
}

/** Allocations as an .xlsx file or a CSV text (";"-separated, as Danish Excel reads it), in kr. */
export async function writeAllocationSpreadsheet(
  entries: readonly AllocationEntry[],
  format: "xlsx" | "csv",
): Promise<Uint8Array> {
  // Text that a spreadsheet would run as a formula is kept as text; numbers stay numbers.
  const rows = allocationRows(entries).map((row) =>
    row.map((cell) => (typeof cell === "string" ? escapeSpreadsheetText(cell) : cell)),
  );
  if (format === "csv")
    return new TextEncoder().encode(
      formatCsv(
        rows.map((row) => row.map(String)),
        ";",
      ),
    );
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet("Bevillinger");
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
